#!/usr/bin/env bash
# Starts a PulseAudio daemon (if none runs) with two null sinks for live
# capture tests: candor_them (the default sink: what "the call" plays; its
# monitor is the system audio) and candor_mic (whose monitor is the default
# source: a virtual microphone). Idempotent.
set -euo pipefail
if ! pactl info >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    pulseaudio -D --exit-idle-time=-1 --system=false --disallow-exit 2>/dev/null || pulseaudio -D --exit-idle-time=-1
  else
    pulseaudio -D --exit-idle-time=-1
  fi
  for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
fi
pactl info >/dev/null
sinks=$(pactl list short sinks | cut -f2)
grep -qx candor_them <<<"$sinks" || pactl load-module module-null-sink sink_name=candor_them sink_properties=device.description=CandorThem >/dev/null
grep -qx candor_mic <<<"$sinks" || pactl load-module module-null-sink sink_name=candor_mic sink_properties=device.description=CandorMic >/dev/null
pactl set-default-sink candor_them
pactl set-default-source candor_mic.monitor
echo "pulse ready: sink candor_them, mic candor_mic.monitor"
