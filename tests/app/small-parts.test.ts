import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeHud } from '../../src-main/app/hud-position';
import { registerShortcuts, SHORTCUTS } from '../../src-main/app/shortcuts';
import { trayMenuTemplate, trayTooltip } from '../../src-main/app/tray-menu';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };
const size = { width: 400, height: 352 };

test('the HUD comes back where it was left, or top-right when that is off-screen', () => {
  assert.deepEqual(placeHud({ x: 100, y: 200 }, size, [screen], screen), { x: 100, y: 200 });
  assert.deepEqual(placeHud({ x: null, y: null }, size, [screen], screen), { x: 1920 - 400 - 24, y: 24 });
  assert.deepEqual(placeHud({ x: 1800, y: 900 }, size, [screen], screen), { x: 1520, y: 728 }, 'pulled back on');
  assert.deepEqual(placeHud({ x: 3000, y: 100 }, size, [screen], screen), { x: 1496, y: 24 }, 'on an unplugged monitor');
  const second = { x: 1920, y: 0, width: 1280, height: 1024 };
  assert.deepEqual(placeHud({ x: 2000, y: 50 }, size, [screen, second], screen), { x: 2000, y: 50 });
});

test('global shortcuts: registers what it can, reports what worked', () => {
  const taken = SHORTCUTS['toggle-nudges'];
  const ran: string[] = [];
  const registered = new Map<string, () => void>();
  const ok = registerShortcuts({
    register: (acc, cb) => {
      if (acc === taken) return false;
      registered.set(acc, cb);
      return true;
    },
    unregisterAll() {},
  }, (c) => ran.push(c));
  assert.equal(ok['toggle-nudges'], undefined);
  assert.equal(ok['toggle-call'], 'CommandOrControl+Shift+Space');
  registered.get(SHORTCUTS['toggle-click-through'])!();
  assert.deepEqual(ran, ['toggle-click-through']);
});

test('tray menu: start/stop, history, pause nudges, click-through, quit', () => {
  const calls: string[] = [];
  const a = {
    toggleCall: () => calls.push('call'), showHud: () => calls.push('hud'), openHistory: () => calls.push('history'),
    toggleNudges: () => calls.push('nudges'), toggleClickThrough: () => calls.push('through'), quit: () => calls.push('quit'),
  };
  const idle = trayMenuTemplate({ recording: false, nudgesPaused: false, clickThrough: false, shortcuts: {} }, a);
  assert.equal(idle.find((i) => i.id === 'call')?.label, 'Start a call');
  const live = trayMenuTemplate({ recording: true, nudgesPaused: true, clickThrough: true, shortcuts: { 'toggle-call': 'Ctrl+Shift+Space' } }, a);
  assert.equal(live.find((i) => i.id === 'call')?.label, 'Stop and save the call');
  assert.equal(live.find((i) => i.id === 'call')?.accelerator, 'Ctrl+Shift+Space');
  assert.equal(live.find((i) => i.id === 'nudges')?.checked, true);
  assert.equal(live.find((i) => i.id === 'through')?.checked, true);
  for (const item of live) (item.click as (() => void) | undefined)?.();
  assert.deepEqual(calls, ['call', 'hud', 'history', 'nudges', 'through', 'quit']);
  assert.equal(trayTooltip({ recording: true, nudgesPaused: false, clickThrough: false, shortcuts: {} }), 'Candor: recording a call');
});
