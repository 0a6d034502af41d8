"use client";
import { useRef, useState } from "react";

/** Stable keys for repeatable rows, so removing a middle row keeps the others' input. */
export function useRows(initial: number, max = 40) {
  const next = useRef(initial);
  const [ids, setIds] = useState(() => Array.from({ length: initial }, (_, i) => i));
  return {
    ids,
    add: () => setIds((cur) => (cur.length >= max ? cur : [...cur, next.current++])),
    remove: (pos: number) => setIds((cur) => (cur.length <= 1 ? cur : cur.filter((_, i) => i !== pos))),
  };
}
