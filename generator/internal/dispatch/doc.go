// Package dispatch is the dispatch table (调度表) round trip: the office
// sends each 责任单位 a workbook to fill in every ten days, and reads the
// filled workbooks back into a report file (content/reports/<date>.toml).
// Offices do not edit TOML; this package is where their spreadsheets meet
// the data format.
//
// Out: WriteTemplate writes an .xlsx workbook with excelize: a sheet that
// explains the columns, then one sheet per department (or one), pre-filled
// with each project's id, name, total, plan and last reported figures;
// the columns to fill are empty, unlocked and validated, everything else
// is locked.
//
// In: Import reads .xlsx workbooks (ours, or an office's own) and CSV
// files (UTF-8 with or without a byte-order mark, or GB18030 as Excel on
// a Chinese Windows saves it) in four steps:
//
//  1. read: every sheet becomes a grid of cells that know whether they
//     were typed as numbers, text, booleans or errors; merged cells are
//     expanded in the header and in the 责任单位 column (a figure belongs
//     to one row, so merged figures are not copied);
//  2. header: the first row that names a project column (项目ID or
//     项目名称) and a figure column (本年累计完成, 到位资金, 形象进度)
//     starts the header; it runs as deep as the merged cells that start
//     in it (two-level headers), or site.toml's [import] header_rows.
//     Columns map to fields by site.toml's [import] columns first (the
//     whole header text, then each level from the bottom), then by the
//     words this package knows: those of its own template in every
//     language and the usual ones of Chinese dispatch tables (1-9月完成).
//     A unit written in a column's header (万元, 亿元) is that column's;
//     else one written above the header (单位：万元); else [import] unit;
//     else money_unit;
//  3. rows: each becomes an entry, matched by id (a blank id is an error),
//     else, in a table without an id column, by the exact name. Amounts
//     are converted to money_unit by moving the decimal point, never
//     through a float, and more than 4 decimals after that is an error.
//     A cell typed with an input method (１.２, 1,234, 1.2亿) says what it
//     is; a cell that does not (约1.2亿) is an error, never a guess;
//  4. merge: the entries are written into the report's TOML text: values
//     replaced on their own lines, keys and tables added, nothing else
//     touched, so that statistics, notes, comments and corrections
//     survive and an unchanged file stays byte-identical. The merged text
//     is decoded again and compared with what was meant, and the whole
//     site is loaded with it before anything is written.
//
// Every problem is a dataset.Error whose Path is file.xlsx!Sheet!C12
// (file.csv!C12 for CSV), worded in the site's language; all of them are
// reported in one run, in the order of the files, sheets, rows and
// columns, and nothing is written when there is any.
package dispatch
