"use client";

import { CopyBlock } from "@/components/ui/copy-block";
import { DateTime } from "@/components/ui/date-time";
import type { ClientVpnDeviceView } from "@/lib/connectivity/client-vpn/status-view-types";

/** A configuration just issued for a device: the one link that hands out its private key. */
export interface IssuedLink {
  deviceId: string;
  deviceName: string;
  downloadUrl: string;
  linkExpiresAt: string;
  /** The device's last download when this link was issued: a later one means this link was used. */
  lastDownloadBefore: string | null;
}

/**
 * The one-time link, shown once right after it is issued. The portal keeps the key only until that
 * link is used, so the panel says plainly who should have it; once the live view shows the download
 * happened, the panel says the link is spent.
 */
export function DownloadLinkPanel({ issued, device, onClose }: { issued: IssuedLink; device: ClientVpnDeviceView | undefined; onClose: () => void }) {
  const used = device !== undefined && device.lastDownloadAt !== null && device.lastDownloadAt !== issued.lastDownloadBefore;
  const absoluteUrl = new URL(issued.downloadUrl, window.location.origin).toString();
  return (
    <section aria-labelledby="issued-link-heading" className="space-y-3 rounded-md bg-brand-50 p-4 ring-1 ring-brand-100">
      <div className="flex items-start justify-between gap-3">
        <h3 id="issued-link-heading" className="text-sm font-semibold text-slate-900">
          Configuration for {issued.deviceName}
        </h3>
        <button type="button" onClick={onClose} className="text-xs font-medium text-slate-600 hover:text-slate-900">
          Close
        </button>
      </div>
      {used ? (
        <p className="text-sm text-slate-700">Downloaded. The link no longer works; re-issue the device to download a new configuration.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            This link works once and expires at <DateTime value={new Date(issued.linkExpiresAt)} />; send it only to the person who will
            use it. They sign in to Onramp with their own account to download it, and nobody can download it again.
          </p>
          <a
            href={issued.downloadUrl}
            download
            className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            Download configuration (.ovpn)
          </a>
          <CopyBlock value={absoluteUrl} label={`Download link for ${issued.deviceName}`} />
        </>
      )}
    </section>
  );
}
