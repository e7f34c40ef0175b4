import { afterEach, describe, expect, it, vi } from "vitest";
import { startPeriodicLoop } from "./periodic-loop";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("startPeriodicLoop", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs a pass at once, waits the interval, and runs the next at once when woken", async () => {
    let passes = 0;
    const loop = startPeriodicLoop("test", 60_000, async () => {
      passes += 1;
    });
    await tick();
    expect(passes).toBe(1);
    await tick();
    expect(passes).toBe(1);
    loop.wake();
    await tick();
    expect(passes).toBe(2);
    await loop.stop();
  });

  it("logs a failed pass and goes on with the next", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let passes = 0;
    const loop = startPeriodicLoop("flaky job", 1, async () => {
      passes += 1;
      if (passes === 1) throw new Error("boom");
    });
    await vi.waitFor(() => expect(passes).toBeGreaterThanOrEqual(2));
    await loop.stop();
    expect(logged).toHaveBeenCalledWith("[onramp] flaky job pass failed", expect.any(Error));
  });

  it("stops only once the pass under way has ended, and runs no more", async () => {
    let release: () => void = () => undefined;
    let passes = 0;
    let ended = false;
    const loop = startPeriodicLoop("test", 60_000, async () => {
      passes += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      ended = true;
    });
    await tick();
    const stopping = loop.stop();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(ended).toBe(true);
    expect(passes).toBe(1);
  });
});
