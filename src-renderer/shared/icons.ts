// Icon shapes for Icon.vue (after Feather, MIT). Paths only: no markup strings.
type El =
  | { t: 'path'; d: string; fill?: boolean }
  | { t: 'circle'; cx: number; cy: number; r: number; fill?: boolean }
  | { t: 'rect'; x: number; y: number; w: number; h: number; rx?: number; fill?: boolean };

const p = (d: string, fill = false): El => ({ t: 'path', d, fill });
const c = (cx: number, cy: number, r: number, fill = false): El => ({ t: 'circle', cx, cy, r, fill });
const r = (x: number, y: number, w: number, h: number, rx = 0, fill = false): El => ({ t: 'rect', x, y, w, h, rx, fill });

export const ICONS = {
  record: [c(12, 12, 6, true)],
  stop: [r(6, 6, 12, 12, 2, true)],
  play: [p('M6 4l14 8-14 8z', true)],
  pause: [r(6, 4, 4, 16, 1), r(14, 4, 4, 16, 1)],
  close: [p('M18 6L6 18M6 6l12 12')],
  minus: [p('M5 12h14')],
  check: [p('M20 6L9 17l-5-5')],
  search: [c(11, 11, 7), p('M21 21l-4.35-4.35')],
  trash: [p('M3 6h18M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6m3 0V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M10 11v6M14 11v6')],
  download: [p('M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M7 10l5 5 5-5M12 15V3')],
  sliders: [p('M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6')],
  list: [p('M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01')],
  trends: [p('M23 6l-9.5 9.5-5-5L1 18M17 6h6v6')],
  shield: [p('M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z')],
  lock: [r(3, 11, 18, 11, 2), p('M7 11V7a5 5 0 0 1 10 0v4')],
  edit: [p('M17 3a2.83 2.83 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5L17 3z')],
  zoomIn: [c(11, 11, 7), p('M21 21l-4.35-4.35M11 8v6M8 11h6')],
  zoomOut: [c(11, 11, 7), p('M21 21l-4.35-4.35M8 11h6')],
  back: [p('M19 12H5M12 19l-7-7 7-7')],
  chat: [p('M21 11.5a8.4 8.4 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.4 8.4 0 0 1-3.8-.9L3 21l1.9-5.7a8.4 8.4 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.4 8.4 0 0 1 3.8-.9h.5a8.5 8.5 0 0 1 8 8v.5z')],
  gauge: [p('M4.9 19a9 9 0 1 1 14.2 0'), p('M12 14l4-5'), c(12, 14, 1.2, true)],
  question: [c(12, 12, 10), p('M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01')],
  hourglass: [p('M6 2h12M6 22h12M7 2c0 6 10 6 10 10S7 16 7 22M17 2c0 6-10 6-10 10s10 4 10 10')],
  clock: [c(12, 12, 10), p('M12 6v6l4 2')],
  alert: [p('M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0zM12 9v4M12 17h.01')],
  octagon: [p('M7.9 2h8.2L22 7.9v8.2L16.1 22H7.9L2 16.1V7.9z'), p('M12 8v4M12 16h.01')],
  pointer: [p('M3 3l7.07 16.97 2.51-7.39 7.39-2.51L3 3zM13 13l6 6')],
  bell: [p('M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0')],
  bellOff: [p('M13.7 21a2 2 0 0 1-3.4 0M18.6 13A17.9 17.9 0 0 1 18 8M6.3 6.3A5.9 5.9 0 0 0 6 8c0 7-3 9-3 9h14M18 8a6 6 0 0 0-9.3-5M1 1l22 22')],
  mic: [p('M12 1a3 3 0 0 0-3 3v8a3 3 0 0 0 6 0V4a3 3 0 0 0-3-3zM19 10v2a7 7 0 0 1-14 0v-2M12 19v4M8 23h8')],
  recovered: [p('M1 4v6h6M3.5 15a9 9 0 1 0 2.1-9.4L1 10')],
  grip: [c(9, 6, 1, true), c(15, 6, 1, true), c(9, 12, 1, true), c(15, 12, 1, true), c(9, 18, 1, true), c(15, 18, 1, true)],
} satisfies Record<string, El[]>;

export type IconName = keyof typeof ICONS;
