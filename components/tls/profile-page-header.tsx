import { utc } from "@/components/notifications/format";
import { DefaultNotice } from "./default-notice";

interface Props {
  section: "TLS client profiles" | "TLS server profiles";
  profile: {
    title: string;
    name: string;
    version: string;
    updated_by: string;
    updated_at: string;
    is_default: boolean;
  };
  /** Where "Duplicate to customize" leads; omitted for users who cannot create. */
  duplicateHref?: string;
}

/** The heading of a profile's details page, with the protected-default notice when it applies. */
export function ProfilePageHeader({ section, profile, duplicateHref }: Props) {
  return (
    <>
      <header className="page__header">
        <p className="page__eyebrow">Resources · TLS · {section}</p>
        <h1>
          {profile.title} <span className="page__version">{profile.version}</span>
        </h1>
        <p>
          Last changed by {profile.updated_by} at <time dateTime={profile.updated_at}>{utc(profile.updated_at)}</time>
        </p>
      </header>
      {profile.is_default && <DefaultNotice noun={section.slice(0, -1)} duplicateHref={duplicateHref} />}
    </>
  );
}
