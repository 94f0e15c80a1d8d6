"use client";

import {
  Content,
  Header,
  HeaderGlobalAction,
  HeaderGlobalBar,
  HeaderMenu,
  HeaderMenuItem,
  HeaderName,
  HeaderNavigation,
  HeaderPanel,
  SideNav,
  SideNavItems,
  SideNavLink,
  SideNavMenu,
  SideNavMenuItem,
  SkipToContent,
  Button,
} from "@/components/carbon";
import { UserAvatar } from "@carbon/icons-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { signOutAction } from "@/app/actions/auth";

interface ShellOrg {
  name: string;
  title: string;
}

interface Props {
  user: { name: string; email: string };
  orgs: ShellOrg[];
  currentOrg?: ShellOrg;
  canViewTls: boolean;
  canManageMembers: boolean;
  canManageSettings: boolean;
  children: ReactNode;
}

/** Carbon UI Shell: header with organization switcher and user menu, side nav with Resources → TLS. */
/** The expiry overview first, then API Connect's four TLS tables ("Crypto Material"), each its own page. */
const TLS_SECTIONS = [
  { path: "/expiry", label: "Expiry" },
  { path: "", label: "TLS client profiles" },
  { path: "/server-profiles", label: "TLS server profiles" },
  { path: "/keystores", label: "Keystores" },
  { path: "/truststores", label: "Truststores" },
];

/** Organization settings pages, under a "Settings" menu, for whoever may manage settings. */
const SETTINGS_SECTIONS = [
  { path: "/notifications", label: "Notifications" },
  { path: "/calendar", label: "Calendar feed" },
  { path: "/tls-policy", label: "TLS policy" },
];

export function AppShell({ user, orgs, currentOrg, canViewTls, canManageMembers, canManageSettings, children }: Props) {
  const pathname = usePathname();
  const [userOpen, setUserOpen] = useState(false);
  const base = currentOrg ? `/orgs/${currentOrg.name}` : "";
  return (
    <>
      <Header aria-label="TLS console">
        <SkipToContent />
        <HeaderName as={Link} href="/" prefix="API Connect">
          TLS console
        </HeaderName>
        <HeaderNavigation aria-label="Organization">
          <HeaderMenu
            // The visible words must be part of the accessible name (WCAG 2.5.3), also before an organization is chosen.
            aria-label={currentOrg ? `Organization: ${currentOrg.title}` : "Choose organization"}
            menuLinkName={currentOrg?.title ?? "Choose organization"}
          >
            {orgs.map((o) => (
              <HeaderMenuItem
                key={o.name}
                as={Link}
                href={`/orgs/${o.name}`}
                isActive={o.name === currentOrg?.name}
                aria-current={o.name === currentOrg?.name ? "page" : undefined}
              >
                {o.title}
              </HeaderMenuItem>
            ))}
          </HeaderMenu>
        </HeaderNavigation>
        <HeaderGlobalBar>
          <HeaderGlobalAction
            aria-label={`User menu: ${user.name}`}
            aria-expanded={userOpen}
            isActive={userOpen}
            onClick={() => setUserOpen((v) => !v)}
            tooltipAlignment="end"
          >
            <UserAvatar size={20} />
          </HeaderGlobalAction>
        </HeaderGlobalBar>
        <HeaderPanel expanded={userOpen} aria-label="User menu" className="user-panel">
          <div className="user-panel__body">
            <p className="user-panel__name">{user.name}</p>
            <p className="user-panel__email">{user.email}</p>
            <Link href="/account/api-keys" onClick={() => setUserOpen(false)} className="cds--link">
              API keys
            </Link>
            <Link href="/account/password" onClick={() => setUserOpen(false)} className="cds--link">
              Password and sessions
            </Link>
            <form action={signOutAction}>
              <Button type="submit" kind="secondary" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </HeaderPanel>
        {currentOrg && (
          <SideNav aria-label="Side navigation" isFixedNav expanded>
            <SideNavItems>
              {canViewTls && (
                <SideNavMenu title="Resources: TLS" defaultExpanded>
                  {TLS_SECTIONS.map(({ path, label }) => {
                    const href = `${base}/resources/tls${path}`;
                    const active = path
                      ? pathname.startsWith(href)
                      : pathname === href || pathname.startsWith(`${href}/client-profiles`);
                    return <NavItem key={label} href={href} label={label} active={active} />;
                  })}
                </SideNavMenu>
              )}
              {canManageSettings && (
                <SideNavMenu title="Settings" defaultExpanded={pathname.startsWith(`${base}/settings`)}>
                  {SETTINGS_SECTIONS.map(({ path, label }) => {
                    const href = `${base}/settings${path}`;
                    return <NavItem key={label} href={href} label={label} active={pathname.startsWith(href)} />;
                  })}
                </SideNavMenu>
              )}
              {canManageMembers && (
                <SideNavLink as={Link} href={`${base}/members`} isActive={pathname.startsWith(`${base}/members`)}>
                  Members &amp; roles
                </SideNavLink>
              )}
            </SideNavItems>
          </SideNav>
        )}
      </Header>
      <Content id="main-content" className={currentOrg ? "content with-side-nav" : "content"}>
        {children}
      </Content>
    </>
  );
}

/** A side-nav entry that tells screen readers which page is the current one. */
function NavItem({ href, label, active }: { href: string; label: string; active: boolean }) {
  return (
    <SideNavMenuItem as={Link} href={href} isActive={active} aria-current={active ? "page" : undefined}>
      {label}
    </SideNavMenuItem>
  );
}
