"use client";

import { useId, useState } from "react";
import { RecommendationResult } from "@/components/connections/recommendation-result";
import { RadioGroup } from "@/components/ui/radio-group";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { CustomerLocation } from "@/db/schema";
import type { ConnectivityTypeOption } from "@/lib/connectivity/catalog";
import { machineCount, recommendConnectivity, type ConnectivityNeeds, type SiteLocation } from "@/lib/connectivity/recommendation";

type DeviceAnswer = "yes" | "no";

const DEVICE_QUESTION: Record<SiteLocation, { legend: string; hint: string }> = {
  on_premises: {
    legend: "Do you run a VPN device?",
    hint: "A router or firewall at your site that speaks IPsec (site-to-site VPN).",
  },
  other_cloud: {
    legend: "Can you use your cloud's VPN gateway?",
    hint: "Azure VPN Gateway, Google Cloud HA VPN, Oracle Cloud's Site-to-Site VPN, or an IPsec appliance you run there.",
  },
};

/**
 * The "Help me choose" answers and the recommendation they lead to, held by the wizard so the type
 * cards can show which one is recommended. Nothing is recommended while the panel is closed.
 */
export function useRecommendationHelp(location: CustomerLocation | null, types: ConnectivityTypeOption[]) {
  const [open, setOpen] = useState(false);
  const [machines, setMachines] = useState("");
  const [vpnDevice, setVpnDevice] = useState<DeviceAnswer | "">("");
  const resultId = useId();

  // An empty field is a question not answered yet, not a mistake.
  const count = machines.trim() === "" ? null : machineCount.safeParse(machines);
  const machinesErrors = count && !count.success ? count.error.issues.map((issue) => issue.message) : undefined;
  let needs: ConnectivityNeeds | null = null;
  if (location === "aws") needs = { location };
  else if (location && count?.success && vpnDevice) needs = { location, machines: count.data, vpnDevice: vpnDevice === "yes" };
  const recommendation = open && needs ? recommendConnectivity(needs, types.map((t) => t.id)) : null;

  return { location, types, open, setOpen, machines, setMachines, machinesErrors, vpnDevice, setVpnDevice, answered: needs !== null, recommendation, resultId };
}

export type RecommendationHelp = ReturnType<typeof useRecommendationHelp>;

/** An optional panel above the type cards: a few questions, then the recommended type and why. */
export function RecommendationPanel({ help }: { help: RecommendationHelp }) {
  const panelId = useId();
  const { location } = help;
  if (!location) return null;
  const question = location === "aws" ? null : DEVICE_QUESTION[location];

  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">
          {question ? "Not sure which to pick? Answer two questions and we will recommend one." : "Not sure which to pick? See what we recommend and why."}
        </p>
        <Button variant="secondary" size="sm" aria-expanded={help.open} aria-controls={panelId} onClick={() => help.setOpen(!help.open)}>
          {help.open ? "Hide help" : "Help me choose"}
        </Button>
      </div>
      {help.open && (
        <div id={panelId} className="mt-4 space-y-4">
          {question && (
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                label="How many machines or people need our service?"
                type="number"
                inputMode="numeric"
                min={1}
                value={help.machines}
                onChange={(event) => help.setMachines(event.target.value)}
                hint="Servers, laptops or people using our products from there."
                errors={help.machinesErrors}
              />
              <RadioGroup<DeviceAnswer>
                legend={question.legend}
                name="vpnDevice"
                value={help.vpnDevice}
                onChange={help.setVpnDevice}
                options={[
                  { value: "yes", label: "Yes" },
                  { value: "no", label: "No" },
                ]}
                hint={question.hint}
              />
            </div>
          )}
          <div id={help.resultId} aria-live="polite" className="rounded-md bg-white p-4 ring-1 ring-inset ring-slate-200">
            {help.recommendation && <RecommendationResult recommendation={help.recommendation} types={help.types} />}
            {!help.answered && <p className="text-sm text-slate-500">Answer both questions to see which way of connecting suits you.</p>}
          </div>
        </div>
      )}
    </div>
  );
}
