import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth/caller";
import { homePathFor } from "@/components/shell/nav-items";

export default async function Home() {
  const caller = await getCaller();
  redirect(caller ? homePathFor(caller.role) : "/sign-in");
}
