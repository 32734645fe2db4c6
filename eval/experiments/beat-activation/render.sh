#!/bin/sh
# EXPERIMENT: render the MIDI songs of Debian's openttd-openmsx (GPL-2, not
# evaluation material) to audio with FluidSynth and the FluidR3 General MIDI
# bank, and write each song's quarter-note beats from its tempo map.
#   sh render.sh OUT_DIR        (needs: apt-get install fluidsynth)
set -e
out=$(realpath -m "${1:?usage: render.sh OUT_DIR}")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
mkdir -p "$out"
cd "$work"
apt-get download openttd-openmsx fluid-soundfont-gm
for f in *.deb; do dpkg-deb -x "$f" root; done
sf2=root/usr/share/sounds/sf2/FluidR3_GM.sf2
for mid in root/usr/share/games/openttd/baseset/openmsx/*.mid; do
  name=$(basename "$mid" .mid)
  fluidsynth -ni -g 0.6 -F "$out/$name.wav" -r 44100 "$sf2" "$mid" > /dev/null
  cp "$mid" "$out/$name.mid"
done
node "$here/midi-beats.mjs" "$out"
rm -rf "$work"
