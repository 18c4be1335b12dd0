// Where the HUD goes: where the user left it, if that is still on a screen;
// otherwise the top-right corner of the primary screen.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const HUD_MARGIN = 24;

export function placeHud(saved: { x: number | null; y: number | null }, size: { width: number; height: number },
  workAreas: Rect[], primary: Rect): { x: number; y: number } {
  if (saved.x !== null && saved.y !== null) {
    const fits = workAreas.some((a) => saved.x! >= a.x && saved.y! >= a.y && saved.x! + size.width <= a.x + a.width && saved.y! + size.height <= a.y + a.height);
    if (fits) return { x: saved.x, y: saved.y };
    // Partly off-screen (a monitor was unplugged): pull it onto the screen that holds most of it.
    const visible = workAreas.find((a) => saved.x! < a.x + a.width && saved.x! + size.width > a.x && saved.y! < a.y + a.height && saved.y! + size.height > a.y);
    if (visible) {
      return {
        x: Math.min(Math.max(saved.x, visible.x), visible.x + visible.width - size.width),
        y: Math.min(Math.max(saved.y, visible.y), visible.y + visible.height - size.height),
      };
    }
  }
  return { x: primary.x + primary.width - size.width - HUD_MARGIN, y: primary.y + HUD_MARGIN };
}
