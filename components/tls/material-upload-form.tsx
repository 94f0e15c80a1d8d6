"use client";

import {
  Button,
  ButtonSet,
  Checkbox,
  FileUploaderDropContainer,
  FileUploaderItem,
  InlineLoading,
  InlineNotification,
  PasswordInput,
  Stack,
  TextArea,
  TextInput,
} from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import {
  previewKeystoreAction,
  createKeystoreAction,
  previewReplacementAction,
  rotateKeystoreAction,
} from "@/app/actions/keystores";
import { prepareRotationUploadAction } from "@/app/actions/keystore-rotation";
import {
  addTruststoreCertificatesAction,
  createTruststoreAction,
  previewTruststoreAction,
} from "@/app/actions/truststores";
import { firstInPage } from "@/components/ui/first-in-page";
import { useToast } from "@/components/ui/toasts";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { type ActionFailure, failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "@/lib/crypto/limits";
import type { FieldError } from "@/lib/errors";
import { queryKeys } from "@/lib/query-keys";
import { slugify } from "@/lib/tls/slug";
import type { RotationDiff } from "@/lib/tls/rotation-diff";
import type { CertificateDto, KeystorePreview, TruststorePreview } from "@/lib/tls/store-dto";
import { lintKeystore } from "@/lib/tls/lint/keystore";
import { lintableDto, warningsBesideFindings } from "@/lib/tls/lint/stored-certificate";
import { lintTruststore } from "@/lib/tls/lint/truststore";
import { ConfirmWarnings } from "@/components/rotation/confirm-warnings";
import { RotationDiffView } from "@/components/rotation/rotation-diff-view";
import { CertificateList } from "./certificate-list";
import { FindingsList } from "./findings";
import { MaterialWarnings } from "./material-warnings";

type UploadMode = "create-keystore" | "rotate-keystore" | "prepare-rotation" | "create-truststore" | "add-certificates";

interface Props {
  org: string;
  mode: UploadMode;
  /** The store being changed (rotate, add), with the version the page read. */
  target?: { name: string; rowVersion: number };
  /** The chain in use, shown beside the new one before a rotation is confirmed. */
  current?: CertificateDto[];
  now: string;
}

const ACCEPT = [".pem", ".crt", ".cer", ".key", ".der", ".p12", ".pfx"];
const isKeystore = (m: UploadMode) => m === "create-keystore" || m === "rotate-keystore" || m === "prepare-rotation";
/** Modes that show the new chain beside the one in use. */
const replaces = (m: UploadMode) => m === "rotate-keystore" || m === "prepare-rotation";
const creates = (m: UploadMode) => m === "create-keystore" || m === "create-truststore";

const LABELS: Record<UploadMode, { submit: string; done: string }> = {
  "create-keystore": { submit: "Create keystore", done: "Keystore created" },
  "rotate-keystore": { submit: "Replace key and certificates", done: "Key and certificates replaced" },
  "prepare-rotation": { submit: "Prepare rotation", done: "Next material prepared: review it and activate" },
  "create-truststore": { submit: "Create truststore", done: "Truststore created" },
  "add-certificates": { submit: "Add certificates", done: "Certificates added" },
};

/** A replacement's review also carries its diff against the material in use (ADR 026). */
type Preview = (KeystorePreview | TruststorePreview) & { key_type?: string; diff?: RotationDiff };

/**
 * Upload in two steps: the files are verified and shown (every certificate, every warning) before anything is
 * stored; the password is sent with each step and never kept. Nothing is written until the user confirms.
 */
export function MaterialUploadForm({ org, mode, target, current, now }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [files, setFiles] = useState<File[]>([]);
  const [meta, setMeta] = useState({ title: "", name: "", summary: "" });
  const [nameTouched, setNameTouched] = useState(false);
  const [password, setPassword] = useState("");
  const [allowExpired, setAllowExpired] = useState(false);
  const [needsExpiryConsent, setNeedsExpiryConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // The replacement's warnings, confirmed by their codes as an activation's are.
  const [understood, setUnderstood] = useState(false);
  const codes = preview?.diff?.warnings.map((w) => w.code) ?? [];
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const keystore = isKeystore(mode);
  const checking = useActionMutation<[FormData], Preview>((data) =>
    mode === "rotate-keystore"
      ? previewReplacementAction(org, target!.name, data)
      : keystore
        ? previewKeystoreAction(org, data)
        : previewTruststoreAction(org, data),
  );
  const storing = useActionMutation<[FormData], { name: string; title: string }>(
    (data) =>
      mode === "create-keystore"
        ? createKeystoreAction(org, data)
        : mode === "rotate-keystore"
          ? rotateKeystoreAction(org, target!, data)
          : mode === "prepare-rotation"
            ? prepareRotationUploadAction(org, target!.name, data).then((r) =>
                r.ok ? { ok: true as const, data: { name: target!.name, title: target!.name } } : r,
              )
            : mode === "create-truststore"
              ? createTruststoreAction(org, data)
              : addTruststoreCertificatesAction(org, target!, data),
    { invalidate: [keystore ? queryKeys.keystores(org) : queryKeys.truststores(org)] },
  );
  const busy = checking.busy ? "checking" : storing.busy ? "saving" : null;
  // A refusal arrives while the fieldset is disabled: focus moves to what was refused once the form is back.
  const refocus = useReturnFocus(busy === null);

  // The review appears below the fold: take keyboard and screen-reader focus there.
  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  const base = `/orgs/${org}/resources/tls/${keystore ? "keystores" : "truststores"}`;

  const formData = () => {
    const f = new FormData();
    files.forEach((file) => f.append("files", file));
    f.set("password", password);
    f.set("allow_expired", String(allowExpired));
    if (creates(mode)) Object.entries(meta).forEach(([k, v]) => f.set(k, v));
    if (preview && understood) codes.forEach((c) => f.append("confirm", c));
    return f;
  };

  const showFailure = (result: ActionFailure) => {
    const byField: Record<string, string> = {};
    result.fieldErrors.forEach((fe: FieldError) => (byField[fe.field] ??= fe.message));
    if (byField.allow_expired) setNeedsExpiryConsent(true);
    setErrors(byField);
    setBanner(result.fieldErrors.length === 0 ? failureText(result) : null);
    refocus(() => {
      if (result.fieldErrors.length === 0) return document.getElementById("upload-banner");
      const first = firstInPage(Object.keys(byField));
      // The file input itself is hidden: its drop zone is the button a keyboard user reaches.
      return first?.id === "files" ? first.closest(".cds--file")?.querySelector("button") : first;
    });
  };

  const addFiles = (added: File[]) => {
    const tooBig = added.filter((f) => f.size > MAX_UPLOAD_BYTES);
    setErrors((e) => ({
      ...e,
      files: tooBig.length ? `${tooBig.map((f) => f.name).join(", ")}: larger than the 1 MB limit` : "",
    }));
    setFiles((prev) => [...prev, ...added.filter((f) => f.size <= MAX_UPLOAD_BYTES)].slice(0, MAX_UPLOAD_FILES));
    setPreview(null);
  };

  const check = async () => {
    setErrors({});
    setBanner(null);
    setUnderstood(false);
    const result = await checking.run(formData());
    if (result.ok) setPreview(result.data);
    else showFailure(result);
  };

  const save = async () => {
    const result = await storing.run(formData());
    if (!result.ok) {
      // A refused confirmation keeps the review on screen, its error at the checkbox; anything else starts over.
      if (!result.fieldErrors.some((fe) => fe.field === "confirm")) setPreview(null);
      setUnderstood(false);
      showFailure(result);
      return;
    }
    toast({ kind: "success", title: LABELS[mode].done, subtitle: result.data.title });
    router.push(`${base}/${result.data.name}`);
    router.refresh();
  };

  return (
    <form
      noValidate
      aria-label={LABELS[mode].submit}
      className="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        void (preview ? save() : check());
      }}
    >
      <fieldset disabled={busy !== null} className="profile-form__fields">
        <Stack gap={7}>
          {banner && (
            <div id="upload-banner" tabIndex={-1}>
              <InlineNotification
                kind="error"
                title="Nothing was stored"
                subtitle={banner}
                role="alert"
                hideCloseButton
              />
            </div>
          )}
          {creates(mode) && (
            <>
              <TextInput
                id="title"
                labelText="Title"
                value={meta.title}
                invalid={!!errors.title}
                invalidText={errors.title}
                onChange={(e) => {
                  const title = e.target.value;
                  setMeta((m) => ({ ...m, title, name: nameTouched ? m.name : slugify(title) }));
                }}
              />
              <TextInput
                id="name"
                labelText="Name"
                helperText="Filled in from the title; profiles refer to it. Cannot be changed later."
                value={meta.name}
                invalid={!!errors.name}
                invalidText={errors.name}
                onChange={(e) => {
                  setNameTouched(true);
                  setMeta((m) => ({ ...m, name: e.target.value }));
                }}
              />
              <TextArea
                id="summary"
                labelText="Summary (optional)"
                rows={2}
                value={meta.summary}
                onChange={(e) => setMeta((m) => ({ ...m, summary: e.target.value }))}
              />
            </>
          )}
          <div className="uploader">
            <p className="cds--file--label">{keystore ? "Key and certificates" : "Certificates"}</p>
            <p className="cds--label-description" id="files-help">
              {keystore
                ? "One PEM with the private key and the certificate chain, a key file plus a certificate file, or a PKCS#12 (.p12/.pfx). Include every intermediate (at most 10)."
                : "A PEM bundle of CA certificates, DER certificates, or a PKCS#12 holding certificates only."}{" "}
              Up to {MAX_UPLOAD_FILES} files, {MAX_UPLOAD_BYTES / 1024 / 1024} MB each.
            </p>
            <FileUploaderDropContainer
              id="files"
              labelText="Drag and drop files here or click to choose"
              accept={ACCEPT}
              multiple
              aria-describedby={errors.files ? "files-help files-error" : "files-help"}
              onAddFiles={(_e, { addedFiles }) => addFiles(addedFiles as File[])}
            />
            {files.map((f, i) => (
              <FileUploaderItem
                key={`${f.name}-${i}`}
                name={f.name}
                status="edit"
                iconDescription={`Remove ${f.name}`}
                onDelete={() => {
                  setFiles((prev) => prev.filter((_, j) => j !== i));
                  setPreview(null);
                }}
              />
            ))}
            {errors.files && (
              <div id="files-error" className="cds--form-requirement field-error" role="alert">
                {errors.files}
              </div>
            )}
          </div>
          <PasswordInput
            id="password"
            labelText={
              keystore
                ? "Password (if the key or PKCS#12 file is encrypted)"
                : "Password (if the PKCS#12 file is encrypted)"
            }
            helperText="Used once to read the files; never stored."
            autoComplete="off"
            value={password}
            invalid={!!errors.password}
            invalidText={errors.password}
            onChange={(e) => {
              setPassword(e.target.value);
              setPreview(null);
            }}
          />
          {keystore && needsExpiryConsent && (
            <div>
              <Checkbox
                id="allow_expired"
                labelText="Upload anyway: I know the certificate has expired (recorded in the audit log)"
                checked={allowExpired}
                onChange={(_, { checked }) => {
                  setAllowExpired(checked);
                  setPreview(null);
                }}
              />
              {errors.allow_expired && (
                <div className="cds--form-requirement field-error" role="alert">
                  {errors.allow_expired}
                </div>
              )}
            </div>
          )}
          {busy && <InlineLoading description={busy === "checking" ? "Checking files…" : "Saving…"} />}
          {preview && (
            <section aria-labelledby="preview-title" className="upload-preview">
              <h2 id="preview-title" ref={previewHeading} tabIndex={-1}>
                Review before{" "}
                {mode === "rotate-keystore" ? "replacing" : mode === "prepare-rotation" ? "preparing" : "saving"}
              </h2>
              {preview.key_type && (
                <p>Private key: {preview.key_type} (it will be encrypted at rest and can never be downloaded).</p>
              )}
              {/* The findings the details page will show once stored, and the warnings none of them says. */}
              <FindingsList
                findings={(keystore ? lintKeystore : lintTruststore)(
                  preview.certificates.map(lintableDto),
                  new Date(now),
                )}
                subject={keystore ? "keystore" : "truststore"}
              />
              <MaterialWarnings
                warnings={warningsBesideFindings(keystore ? "keystore" : "truststore", preview.warnings)}
              />
              {preview.diff && (
                <>
                  <h3>What changes</h3>
                  <RotationDiffView diff={preview.diff} nextLabel="New" />
                  <ConfirmWarnings
                    id="confirm-replacement"
                    codes={codes}
                    checked={understood}
                    onChange={setUnderstood}
                    error={errors.confirm}
                  />
                </>
              )}
              {replaces(mode) && current ? (
                <div className="side-by-side">
                  <div>
                    <h3>Current</h3>
                    <CertificateList certificates={current} layout="chain" now={now} />
                  </div>
                  <div>
                    <h3>{mode === "prepare-rotation" ? "Next (pending)" : "New"}</h3>
                    <CertificateList certificates={preview.certificates} layout="chain" now={now} />
                  </div>
                </div>
              ) : (
                <CertificateList certificates={preview.certificates} layout={keystore ? "chain" : "bundle"} now={now} />
              )}
            </section>
          )}
        </Stack>
      </fieldset>
      <ButtonSet className="profile-form__actions">
        <Button kind="secondary" onClick={() => (preview ? setPreview(null) : router.back())}>
          {preview ? "Back" : "Cancel"}
        </Button>
        <Button
          type="submit"
          disabled={busy !== null || files.length === 0 || (preview !== null && codes.length > 0 && !understood)}
        >
          {preview ? LABELS[mode].submit : "Check files"}
        </Button>
      </ButtonSet>
    </form>
  );
}
