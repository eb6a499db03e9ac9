/** A validated row with the file line it came from, so later refusals can still name the line. */
export interface Numbered<Row> {
  line: number;
  row: Row;
}
