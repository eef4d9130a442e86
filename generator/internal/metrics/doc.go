// Package metrics computes every figure and verdict of docs/metrics.md
// (the second edition) as of a report date. It is pure: it reads a
// *dataset.Site and returns values; it does no I/O but write metrics.json
// to the writer it is given.
//
// An Engine indexes the site once (each project's and each unit's own
// report lines, by date) and hands out one cached Snapshot per date.
// Boards, closed targets and changes read the snapshots of other dates
// through the engine, so every date a build needs is computed once.
//
// # Exactness
//
// Amounts are exact.Dec, every other figure an exact.Num: sums are fixed
// point, rates exact quotients, and every comparison — a target met, a
// tie on a board, a project below the slow threshold — is exact. An
// undefined figure (a rate over 0) never meets a target, is never below
// one, and is never ranked.
//
// # Time
//
//   - A target is open until its deadline and judged on the figure at D;
//     once closed it is judged for good at J, the latest report dated on
//     or before the deadline (no such report, or no figure at J: no_data).
//   - A board's periods are the months (quarters, reports) in which a
//     report gave a fresh value of its metric for a unit of its kind; the
//     board shown at D is that of the latest period ≤ D. A unit whose value
//     was reported before its period began is ranked with it, carried.
//   - Last-place streaks count only periods dated within the campaign.
//
// # Decided where docs/metrics.md is silent
//
//   - A board whose ranked units all tie at rank 1 (or that ranks a single
//     unit) has no last place: the literal rule would make the first also
//     the last and publish 末位 for everybody on, say, a January board where
//     no department has completed anything yet.
//   - The watch board compares a unit's figure at D with its own open
//     target for the main metric ("the" target, when it is open).
//   - `pace_gap` of a group is its weighted completion rate − expected.
//   - A project's per-year figures (Snapshot.Years) cover the campaign's
//     years up to D's year and every year its plan names.
package metrics
