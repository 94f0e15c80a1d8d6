import { test } from "./fixtures";

/** What Next serves when a render dies: the document the fixture must recognise with nothing in the console. */
const NEXT_ERROR_PAGE =
  '<!DOCTYPE html><html id="__next_error__"><head><title>Error</title></head>' +
  "<body><h1>This page couldn’t load</h1><p>Reload to try again, or go back.</p></body></html>";

test.describe("e2e fixtures", () => {
  test("Next's error page fails the test even when nothing is logged", async ({ page }) => {
    test.fail(true, "the fixture reports the error page as a console error, which must fail this test");
    await page.route("**/fixture-probe", (route) =>
      route.fulfill({ contentType: "text/html; charset=utf-8", body: NEXT_ERROR_PAGE }),
    );
    await page.goto("/fixture-probe");
  });
});
