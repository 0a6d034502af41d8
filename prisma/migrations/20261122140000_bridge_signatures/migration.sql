-- Distinct bridge signatures per key and identifier: matching looks these up
-- instead of every report that repeats the same account or number.
CREATE TABLE "BridgeSignature" (
    "key" TEXT NOT NULL,
    "identifierId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "meta" JSONB NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "BridgeSignature_pkey" PRIMARY KEY ("key","identifierId","signature")
);

ALTER TABLE "BridgeSignature" ADD CONSTRAINT "BridgeSignature_identifierId_fkey" FOREIGN KEY ("identifierId") REFERENCES "Identifier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "BridgeSignature" ("key", "identifierId", "role", "meta", "signature")
SELECT DISTINCT ON (b."key", b."identifierId", s.sig) b."key", b."identifierId", b."role", ri."meta", s.sig
FROM "ReportBridge" b
JOIN "ReportIdentifier" ri ON ri."reportId" = b."reportId" AND ri."identifierId" = b."identifierId"
CROSS JOIN LATERAL (SELECT COALESCE(ri."meta"->>'statedBank', '') || '|' || COALESCE(ri."meta"->>'prefix', '') AS sig) s
ON CONFLICT DO NOTHING;
