import type { ProfileDtoBase } from "@/lib/tls/profile-dto-base";
import { DataPowerNamesSection } from "./datapower-names";
import { FindingsSection } from "./findings";

/** What the details page of a profile shows above the form: the stored profile's findings and its gateway names. */
export function ProfileLintSection({ profile }: { profile: Pick<ProfileDtoBase, "findings" | "datapower_names"> }) {
  return (
    <>
      <FindingsSection findings={profile.findings} subject="profile" />
      <DataPowerNamesSection names={profile.datapower_names} />
    </>
  );
}
