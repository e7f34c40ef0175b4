import { Badge } from "@/components/ui/badge";
import { CopyBlock } from "@/components/ui/copy-block";
import type { DeviceConfigurationFile } from "@/lib/connectivity/site-to-site/device-config";
import { DownloadLink } from "./download-link";

/** The device configuration: where it comes from, the downloads the caller's role allows, a preview. */
export function DeviceConfiguration({
  connectionId,
  file,
  canRevealSecrets,
}: {
  connectionId: string;
  file: DeviceConfigurationFile;
  canRevealSecrets: boolean;
}) {
  const href = `/api/connections/${connectionId}/device-config`;
  return (
    <div className="space-y-2">
      <h3 className="font-medium text-slate-900">Device configuration</h3>
      {file.source === "aws_sample" ? (
        <p className="text-slate-600">
          <Badge tone="success">From AWS</Badge> AWS&apos;s sample configuration for {file.device}, {file.ikeVersion === "ikev2" ? "IKEv2" : "IKEv1"}, with this
          connection&apos;s addresses filled in.
        </p>
      ) : (
        <p className="text-slate-600">
          <Badge tone="warning">Generic IKEv2</Badge> {file.fallbackReason} These are the same settings for any IKEv2 device, read from your VPN
          connection.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {canRevealSecrets && (
          <DownloadLink href={`${href}?keys=include`} primary>
            Download with pre-shared keys
          </DownloadLink>
        )}
        <DownloadLink href={href}>Download without keys</DownloadLink>
      </div>
      <p className="text-xs text-slate-500">
        {canRevealSecrets
          ? "Each download with keys is recorded in the audit log."
          : "The keys are hidden in your copy; an admin of your organisation can reveal them or download the file with them."}
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Preview (keys hidden)</summary>
        <div className="mt-2 max-h-96 overflow-y-auto">
          <CopyBlock value={file.content} label="Device configuration, keys hidden" multiline />
        </div>
      </details>
    </div>
  );
}
