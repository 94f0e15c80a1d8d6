import "server-only";
import { logger } from "@/lib/server/platform/logger";

/**
 * A response body from text chunks produced as they are read: nothing holds the whole document, and the next chunk
 * is only made when the client reads on (one that hangs up stops the work). The first chunk is awaited before the
 * response starts, so a failure there is still answered with a proper status; a later one can only cut the body
 * short, and is logged.
 */
export async function textStream(
  chunks: AsyncGenerator<string>,
  requestId: string,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await chunks.next();
  let pending: IteratorResult<string> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        logger.error({ err, requestId }, "response stream failed after it started");
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
