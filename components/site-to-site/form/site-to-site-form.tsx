"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { createSiteToSite } from "@/app/(app)/connections/site-to-site/actions";
import type { ProductChoice } from "@/components/connections/connection-wizard";
import { WizardFormActions } from "@/components/connections/wizard-form-actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { ORACLE_BGP_ASN } from "@/lib/configs/other-cloud-vpn";
import type { VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";
import { OTHER_CLOUDS, PRIVATE_ASN_HINT, type OtherCloud, type siteToSiteInput } from "@/lib/connectivity/site-to-site/input";
import { AMAZON_SIDE_ASN } from "@/lib/connectivity/site-to-site/plan-input";
import type { z } from "zod";
import { NO_DEVICE, genericDevice, resolveDevice, type DeviceChoice } from "./device-choice";
import { DeviceTypePicker } from "./device-type-picker";
import { errorsElsewhere, errorsUnder } from "./field-errors";
import { FieldNote, useFieldNote } from "@/components/ui/field-note";
import { NetworkList, type NetworkRow } from "./network-list";
import { ProductRegionPicker, type ProductRegionWording } from "@/components/connections/product-region-picker";
import { resolveProductRegions } from "@/components/connections/product-regions";
import { RadioGroup } from "@/components/ui/radio-group";
import { TUNNEL_NUMBERS, TunnelOptions, tunnelFieldNames } from "./tunnel-options";

type SiteLocation = "on_premises" | "other_cloud";
type RoutingType = "bgp" | "static";

const ORACLE_ASN = String(ORACLE_BGP_ASN);

const SITE_WORDING: ProductRegionWording = {
  products: "One site reaches any of these products; choose the ones you use.",
  region: "The AWS region your landing network and its endpoints are built in. Only regions that offer every chosen product are listed.",
  noSharedRegion: "These products share no region: a site connects in one region, so request a site per region.",
};

const CLOUDS: Record<OtherCloud, { label: string; deviceIpHint: string; asnHint: string }> = {
  azure: {
    label: "Azure",
    deviceIpHint: "The public IP address of your Azure VPN gateway (active-standby: its only address).",
    asnHint: "Your Azure VPN gateway's ASN (Azure's default is 65515).",
  },
  gcp: {
    label: "Google Cloud",
    deviceIpHint: "The address of interface 0 of your HA VPN gateway; both AWS tunnels end there.",
    asnHint: "Your Cloud Router's ASN. Google Cloud HA VPN needs BGP.",
  },
  oracle: {
    label: "Oracle Cloud",
    deviceIpHint: "The Oracle VPN IP of your IPSec connection's first tunnel.",
    asnHint: `Oracle's side always uses ASN ${ORACLE_ASN}.`,
  },
  other: {
    label: "Other",
    deviceIpHint: "The public IPv4 address of your cloud VPN gateway.",
    asnHint: "Your VPN gateway's ASN.",
  },
};

const ON_PREMISES_DEVICE_IP_HINT = "The address your VPN device uses on the internet; behind NAT, the NAT device's public address.";

/** The fields whose errors the form shows next to a control; anything else joins the form message. */
const PLACED_FIELDS = ["siteName", "cloud", "deviceIp", "routing", "onPremCidrs", "deviceTypeId", "accelerated", "productRegionIds", "tunnels"];

/**
 * Site-to-Site VPN details: where the site is, how it routes, what it holds, which device it runs,
 * and what it reaches. The server checks everything (lib/connectivity/site-to-site/input.ts); the
 * form's job is to make the right answer easy and to put each refusal next to its field.
 */
export function SiteToSiteForm({
  location,
  products,
  deviceTypes,
  onBack,
}: {
  location: SiteLocation;
  products: ProductChoice[];
  deviceTypes: VpnDeviceType[] | null;
  onBack: () => void;
}) {
  const router = useRouter();
  const { pending, error, fieldErrors, run } = useActionForm();
  const otherCloud = location === "other_cloud";

  const [cloud, setCloud] = useState<OtherCloud | "">("");
  const [routingChoice, setRoutingChoice] = useState<RoutingType>("bgp");
  const [asn, setAsn] = useState("");
  const keys = useRef(1);
  const nextKey = () => ++keys.current;
  const [networks, setNetworks] = useState<NetworkRow[]>([{ key: 1, value: "" }]);
  // Row keys in the order they were sent, so "onPremCidrs.2" finds its row after later edits.
  const [sentNetworkKeys, setSentNetworkKeys] = useState<number[]>([]);
  const [device, setDevice] = useState<DeviceChoice>(NO_DEVICE);
  const [deviceTouched, setDeviceTouched] = useState(false);
  const [accelerated, setAccelerated] = useState(false);
  const [productIds, setProductIds] = useState<string[]>(products.length === 1 ? [products[0]?.id ?? ""] : []);
  const [region, setRegion] = useState("");
  const [advancedOpen, setAdvancedOpen] = useState(false);

  // Google Cloud HA VPN peers only over BGP.
  const routingType: RoutingType = cloud === "gcp" ? "bgp" : routingChoice;
  const chosenCloud = otherCloud && cloud ? CLOUDS[cloud] : null;

  function chooseCloud(next: OtherCloud) {
    setCloud(next);
    if (next === "oracle" && asn.trim() === "") setAsn(ORACLE_ASN);
    // AWS lists no configuration for other clouds' gateways; its vendor-neutral one is what they take.
    const generic = deviceTypes ? genericDevice(deviceTypes) : null;
    if (!deviceTouched && generic) setDevice(generic);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const sent = networks.filter((row) => row.value.trim() !== "");
    setSentNetworkKeys(sent.map((row) => row.key));
    const tunnels = TUNNEL_NUMBERS.map((tunnel) => {
      const names = tunnelFieldNames(tunnel);
      return { insideCidr: text(names.insideCidr).trim(), preSharedKey: text(names.preSharedKey) };
    });
    const input: z.input<typeof siteToSiteInput> = {
      siteName: text("siteName"),
      location,
      cloud: otherCloud ? cloud : undefined,
      deviceIp: text("deviceIp"),
      routing: routingType === "bgp" ? { type: "bgp", asn } : { type: "static" },
      onPremCidrs: sent.map((row) => row.value.trim()),
      deviceTypeId: deviceTypes ? resolveDevice(deviceTypes, device).id : "",
      accelerated,
      productRegionIds: resolveProductRegions(products, productIds, region).productRegionIds,
      tunnels: tunnels.some((tunnel) => tunnel.insideCidr !== "" || tunnel.preSharedKey !== "") ? tunnels : undefined,
    };
    run(createSiteToSite, input, { onSuccess: (created) => router.push(`/connections/${created.id}`) });
  }

  const networkErrors = new Map<number, string[]>();
  sentNetworkKeys.forEach((key, index) => {
    const messages = fieldErrors[`onPremCidrs.${index}`];
    if (messages) networkErrors.set(key, messages);
  });
  const elsewhere = errorsElsewhere(fieldErrors, PLACED_FIELDS);
  const formError = error && elsewhere.length > 0 ? `${error} ${elsewhere.join(" ")}` : error;

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <Section title="Your site">
        <TextField
          label="Site name"
          name="siteName"
          maxLength={64}
          autoComplete="off"
          placeholder={otherCloud ? "Azure West Europe" : "Head office"}
          hint="How you and we will recognise this connection."
          errors={fieldErrors.siteName}
        />
        {otherCloud && (
          <RadioGroup
            legend="Which cloud?"
            name="cloud"
            value={cloud}
            onChange={chooseCloud}
            columns={4}
            options={OTHER_CLOUDS.map((id) => ({ value: id, label: CLOUDS[id].label }))}
            hint="Onramp gives you the steps for your cloud's side with this connection's values filled in."
            errors={fieldErrors.cloud}
          />
        )}
        <TextField
          label={otherCloud ? "Public IPv4 address of your VPN gateway" : "Public IPv4 address of your VPN device"}
          name="deviceIp"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          maxLength={15}
          placeholder="203.0.113.10"
          hint={chosenCloud?.deviceIpHint ?? ON_PREMISES_DEVICE_IP_HINT}
          errors={fieldErrors.deviceIp}
        />
      </Section>

      <Section title="Routing">
        <RadioGroup
          legend="How do routes reach the tunnels?"
          name="routing"
          value={routingType}
          onChange={setRoutingChoice}
          options={[
            { value: "bgp", label: "Dynamic (BGP)", description: "Recommended: routes are exchanged and traffic fails over between the two tunnels on its own." },
            {
              value: "static",
              label: "Static",
              description: cloud === "gcp" ? "Not available: Google Cloud HA VPN needs BGP." : "Your networks are routed as listed; your device must fail over between tunnels itself.",
              disabled: cloud === "gcp",
            },
          ]}
          errors={errorsUnder(fieldErrors, "routing.type") ?? fieldErrors.routing}
        />
        {routingType === "bgp" && (
          <TextField
            label="BGP ASN of your side"
            value={asn}
            onChange={(event) => setAsn(event.target.value)}
            inputMode="numeric"
            autoComplete="off"
            maxLength={11}
            placeholder="65000"
            hint={`${chosenCloud ? `${chosenCloud.asnHint} ` : ""}${PRIVATE_ASN_HINT} AWS's side uses ${AMAZON_SIDE_ASN}, so yours must differ.`}
            errors={fieldErrors["routing.asn"]}
          />
        )}
        <NetworkList
          rows={networks}
          onChange={setNetworks}
          nextKey={nextKey}
          rowErrors={networkErrors}
          errors={fieldErrors.onPremCidrs}
        />
      </Section>

      <Section title="Device">
        <DeviceTypePicker
          legend={otherCloud ? "Your VPN gateway" : "Your VPN device"}
          types={deviceTypes}
          choice={device}
          onChange={(choice) => {
            setDevice(choice);
            setDeviceTouched(true);
          }}
          hint={
            otherCloud
              ? "AWS lists no configuration for other clouds' gateways; Generic (vendor agnostic) fits them and is chosen for you. The connection page adds your cloud's own steps."
              : "We give you AWS's configuration for this device once the VPN exists. Not listed? Choose Generic."
          }
          errors={fieldErrors.deviceTypeId}
        />
        <Acceleration checked={accelerated} onChange={setAccelerated} errors={fieldErrors.accelerated} />
      </Section>

      <Section title="What this site reaches">
        <ProductRegionPicker
          products={products}
          productIds={productIds}
          onProductsChange={setProductIds}
          region={region}
          onRegionChange={setRegion}
          errors={errorsUnder(fieldErrors, "productRegionIds")}
          wording={SITE_WORDING}
        />
      </Section>

      <TunnelOptions fieldErrors={fieldErrors} azureBgp={otherCloud && cloud === "azure" && routingType === "bgp"} open={advancedOpen} onToggle={setAdvancedOpen} />

      <FormMessage error={formError} />
      <WizardFormActions submitLabel="Create Site-to-Site VPN" pending={pending} disabled={deviceTypes === null} onBack={onBack} />
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <h3 className="border-b border-slate-100 pb-1 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

const ACCELERATION_HINT =
  "Your tunnels enter AWS at the edge location nearest your device (AWS Global Accelerator) and cross AWS's network from there, which steadies latency over long distances. AWS accelerates only VPNs on a transit gateway, so this one uses the provider's transit gateway, with a route table of your own that no other customer's network shares.";

function Acceleration({ checked, onChange, errors }: { checked: boolean; onChange: (checked: boolean) => void; errors?: string[] }) {
  const note = useFieldNote(ACCELERATION_HINT, errors);
  return (
    <div className="space-y-1.5">
      <label className="flex cursor-pointer items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={note.invalid || undefined}
          aria-describedby={note.describedBy}
          className="mt-0.5 accent-brand-600"
        />
        <span className="font-medium text-slate-900">Accelerate the tunnels</span>
      </label>
      <FieldNote id={note.id} hint={ACCELERATION_HINT} errors={errors} />
    </div>
  );
}
