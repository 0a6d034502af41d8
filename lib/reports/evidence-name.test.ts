import { describe, expect, it } from "vitest";
import { downloadName, evidenceHeaders } from "./evidence-name";

describe("downloadName", () => {
  it("takes the extension from the sniffed type, never from the victim's name", () => {
    expect(downloadName("report.html", "image/png")).toBe("report.png");
    expect(downloadName("photo.jpeg", "image/jpeg")).toBe("photo.jpg");
    expect(downloadName("scan", "application/pdf")).toBe("scan.pdf");
    expect(downloadName("invoice.pdf.exe", "application/pdf")).toBe("invoice.pdf.pdf");
    expect(downloadName("", "image/gif")).toBe("evidence.gif");
    expect(downloadName("..", "image/gif")).toBe("evidence.gif");
    expect(downloadName("a.svg", "image/svg+xml")).toBe("a.bin");
  });

  it("cannot be reversed on screen or carry a path", () => {
    // "photo<RLO>gnp.html" shows as "photolmth.png" in a file manager.
    expect(downloadName("photo\u202Egnp.html", "image/png")).toBe("photognp.png");
    expect(downloadName("..\\..\\win.ini", "image/png")).toBe("win.png");
    expect(downloadName('a"b:c*?.png', "image/png")).toBe("a_b_c__.png");
  });
});

describe("evidenceHeaders", () => {
  it("an attachment typed by the sniffed mime, never sniffed by the browser", () => {
    const h = evidenceHeaders("report.html", "image/png");
    expect(h["content-type"]).toBe("image/png");
    expect(h["content-disposition"]).toBe('attachment; filename="report.png"');
    expect(h["x-content-type-options"]).toBe("nosniff");
  });

  it("a Chinese name gets an ASCII fallback and an RFC 5987 filename*", () => {
    const h = evidenceHeaders("转账截图.html", "image/png");
    expect(h["content-disposition"]).toBe(
      "attachment; filename=\"____.png\"; filename*=UTF-8''%E8%BD%AC%E8%B4%A6%E6%88%AA%E5%9B%BE.png",
    );
    expect(decodeURIComponent(h["content-disposition"]!.split("''")[1]!)).toBe("转账截图.png");
  });

  it("an unknown stored type downloads as bytes", () => {
    expect(evidenceHeaders("x.html", "text/html")["content-type"]).toBe("application/octet-stream");
  });
});
