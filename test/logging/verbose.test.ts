import { refreshLogConfig, verboseLog } from "../../src/logging";

describe("verbose trace", () => {
  const saved = process.env.DURABLE_VERBOSE_MODE;
  let debug: jest.SpyInstance;

  beforeEach(() => {
    debug = jest.spyOn(console, "debug").mockImplementation(() => {});
  });
  afterEach(() => {
    debug.mockRestore();
    if (saved === undefined) delete process.env.DURABLE_VERBOSE_MODE;
    else process.env.DURABLE_VERBOSE_MODE = saved;
    refreshLogConfig();
  });

  it('prints emoji-prefixed console.debug lines when DURABLE_VERBOSE_MODE is "true"', () => {
    process.env.DURABLE_VERBOSE_MODE = "true";
    refreshLogConfig();
    const detail = { id: "op-1" };
    verboseLog("checkpoint sent", detail, 3);
    expect(debug).toHaveBeenCalledTimes(1);
    const [line, ...rest] = debug.mock.calls[0];
    expect(line).toMatch(/^\p{Extended_Pictographic}.* checkpoint sent$/u);
    expect(rest).toEqual([detail, 3]);
  });

  it.each([undefined, "false", "TRUE", "1", " true"])("stays silent when the flag is %p", (v) => {
    if (v === undefined) delete process.env.DURABLE_VERBOSE_MODE;
    else process.env.DURABLE_VERBOSE_MODE = v;
    refreshLogConfig();
    verboseLog("nothing");
    expect(debug).not.toHaveBeenCalled();
  });

  it("only picks up environment changes after refreshLogConfig", () => {
    process.env.DURABLE_VERBOSE_MODE = "false";
    refreshLogConfig();
    process.env.DURABLE_VERBOSE_MODE = "true";
    verboseLog("before refresh");
    expect(debug).not.toHaveBeenCalled();
    refreshLogConfig();
    verboseLog("after refresh");
    expect(debug).toHaveBeenCalledTimes(1);
    process.env.DURABLE_VERBOSE_MODE = "false";
    refreshLogConfig();
    verboseLog("off again");
    expect(debug).toHaveBeenCalledTimes(1);
  });

  it("reads the flag when the module loads", () => {
    process.env.DURABLE_VERBOSE_MODE = "true";
    jest.isolateModules(() => {
      const fresh =
        require("../../src/logging/verbose") as typeof import("../../src/logging/verbose");
      fresh.verboseLog("from fresh module");
    });
    expect(debug).toHaveBeenCalledTimes(1);
  });
});
