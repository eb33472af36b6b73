/** One line or bar set of a chart: its name in the legend and a figure per label (null: no figure that day). */
export interface ChartSeries {
  name: string
  values: Array<number | null>
  /** Drawn faint and dashed: the previous period beside the current one. */
  faint?: boolean
  /** Drawn dotted in the warning colour: figures WeCom has not settled yet (they may still change). */
  provisional?: boolean
  /** The series' own labels for the tooltip when they differ from the axis (the previous period's days). */
  labels?: string[]
}

/** Writes a figure as the page does (`n()`, units in words). */
export type ChartFormat = (value: number) => string
