-- Case rows are rewritten whenever reports join them, and GIN indexes on their
-- filter arrays make every such write expensive (pending-list merges). The
-- board filters scan the case table instead, which stays small.
DROP INDEX "Case_provinces_idx";

DROP INDEX "Case_platformIds_idx";

DROP INDEX "Case_scamTypes_idx";
