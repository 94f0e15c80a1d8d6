"use server";

import { revalidatePath } from "next/cache";
import { OPERATIONS } from "@/lib/auth/operations";
import { orgAction } from "@/lib/server/faces/action";
import { checkNow } from "@/lib/server/notifications/check-now";
import { saveNotificationSettings } from "@/lib/server/notifications/settings";
import { sendTestEmail, sendTestWebhook } from "@/lib/server/notifications/test-send";
import { createWebhook, deleteWebhook } from "@/lib/server/notifications/webhooks";

const page = (org: string) => `/orgs/${org}/settings/notifications`;

export async function saveNotificationSettingsAction(org: string, values: unknown) {
  const result = await orgAction("saveNotificationSettings", org, OPERATIONS.saveNotificationSettings, (ctx) =>
    saveNotificationSettings(ctx, values),
  );
  revalidatePath(page(org));
  return result;
}

/** The secret goes in and never comes back out. */
export async function createWebhookAction(org: string, values: unknown) {
  const result = await orgAction("createWebhook", org, OPERATIONS.createWebhook, (ctx) => createWebhook(ctx, values));
  revalidatePath(page(org));
  return result;
}

export async function deleteWebhookAction(org: string, id: string) {
  const result = await orgAction("deleteWebhook", org, OPERATIONS.deleteWebhook, (ctx) => deleteWebhook(ctx, id));
  revalidatePath(page(org));
  return result;
}

export async function testWebhookAction(org: string, id: string) {
  return orgAction("testWebhook", org, OPERATIONS.sendTestNotification, (ctx) => sendTestWebhook(ctx, id));
}

export async function testEmailAction(org: string) {
  return orgAction("testEmail", org, OPERATIONS.sendTestNotification, (ctx) => sendTestEmail(ctx));
}

export async function runExpiryCheckAction(org: string) {
  return orgAction("runExpiryCheck", org, OPERATIONS.runExpiryCheck, (ctx) => checkNow(ctx));
}
