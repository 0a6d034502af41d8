/**
 * For tests: a real SMTP server (smtp-server) on a free loopback port that
 * requires a password, as a production relay would, and keeps what arrives,
 * parsed (mailparser). A message is stored before the server answers the
 * DATA command, so once `sendMail` resolves the mail is here: no waiting.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP transaction: who it was really sent to. */
  envelopeTo: string[];
  envelopeFrom: string;
  /** The whole message as it arrived, headers and encoded parts. */
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** While true, every message is refused with 550 after its data. */
  rejecting: boolean;
  close(): Promise<void>;
}

export async function startTestSmtp(user = "mailer", pass = "s3cret pass"): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const state = { rejecting: false };
  const server = new SMTPServer({
    // No certificate to trust in a test: plain SMTP with a password, as over a private network.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.rejecting) {
          const err = Object.assign(new Error("Message refused for the test"), { responseCode: 550 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((a) => a.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              raw: raw.toString("utf8"),
              parsed,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  const net = await new Promise<AddressInfo>((resolve, reject) => {
    server.on("error", reject);
    const s = server.listen(0, "127.0.0.1", () => resolve(s.address() as AddressInfo));
  });
  const smtp: TestSmtp = {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${net.port}`,
    received,
    get rejecting() {
      return state.rejecting;
    },
    set rejecting(v: boolean) {
      state.rejecting = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return smtp;
}
