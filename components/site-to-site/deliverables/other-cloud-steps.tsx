import { HIDDEN_KEYS_NOTE, type OtherCloudGuide } from "@/lib/configs/other-cloud-vpn";
import { HiddenKeysHint, KeyAwareCopyBlock } from "./key-aware-snippets";

/** The customer's steps in their own cloud, in order, with this connection's values in the commands. */
export function OtherCloudSteps({ guide, canRevealSecrets }: { guide: OtherCloudGuide; canRevealSecrets: boolean }) {
  return (
    <div className="space-y-4 text-sm">
      <HiddenKeysHint canRevealSecrets={canRevealSecrets} />
      <ol className="space-y-5">
        {guide.steps.map((step, index) => {
          // The hint above says where the keys stand, before and after a reveal.
          const notes = step.notes.filter((note) => note !== HIDDEN_KEYS_NOTE);
          return (
            <li key={step.title} className="space-y-1.5">
              <h3 className="font-medium text-slate-900">
                {index + 1}. {step.title}
              </h3>
              {notes.map((note) => (
                <p key={note} className="text-slate-600">
                  {note}
                </p>
              ))}
              {step.commands.length > 0 && <KeyAwareCopyBlock value={step.commands.join("\n")} label={`Commands for step ${index + 1}: ${step.title}`} multiline />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
