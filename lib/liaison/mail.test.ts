import { describe, expect, it } from "vitest";
import { smtpOptions } from "./mail";

describe("smtpOptions", () => {
  it("reads host, port, TLS mode and credentials like nodemailer, with short timeouts", () => {
    expect(smtpOptions("smtp://liaison%40unit:p%40ss:word@mail.example.org:587")).toEqual({
      host: "mail.example.org",
      port: 587,
      secure: false,
      auth: { user: "liaison@unit", pass: "p@ss:word" },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    expect(smtpOptions("smtps://mail.example.org")).toMatchObject({ host: "mail.example.org", secure: true });
    expect(smtpOptions("smtps://mail.example.org").auth).toBeUndefined();
    expect(smtpOptions("smtp://[::1]:2525").host).toBe("::1");
  });

  it("takes query parameters as options, tls.* nested, and never a pool", () => {
    const o = smtpOptions("smtp://h:25?requireTLS=true&socketTimeout=5000&tls.rejectUnauthorized=false&pool=true");
    expect(o).toMatchObject({ requireTLS: true, socketTimeout: 5000, tls: { rejectUnauthorized: false } });
    expect(o).not.toHaveProperty("pool");
  });

  it("refuses other schemes", () => {
    expect(() => smtpOptions("http://mail.example.org")).toThrow();
  });
});
