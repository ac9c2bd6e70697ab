#!/usr/bin/env bash
# Regenerates tests/data/families/ with herdtools7 7.57 (diycross7 + herd7). Not run in CI.
#
#   HERDTOOLS=/tmp/herdtools7 tests/data/families/generate.sh        (or herdtools7 on PATH)
#
# Build herdtools7 7.57 with ../shared/peers/build-herdtools7.sh (installs into /tmp/herdtools7).
# Every test file and every @all index is written by diycross7 itself; this script never edits them.
# After generation it runs herd7 on every test (C: rc11.cat and c11_partialSC.cat; AArch64:
# aarch64.cat), keeps the raw herd7 output in herd-logs/, and writes verdicts.json from it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${HERDTOOLS:-}" ]; then export PATH="$HERDTOOLS/bin:$PATH"; fi
for t in diycross7 herd7; do command -v $t >/dev/null || { echo "need $t (set HERDTOOLS)" >&2; exit 1; }; done
diycross7 -version | grep -q '^7\.57' || echo "warning: expected herdtools7 7.57, got $(diycross7 -version)" >&2

C="$here/c11"
A="$here/aarch64"
rm -rf "$C" "$A"
mkdir -p "$C" "$A"

# fam DIR ARGS... : one family = one diycross7 invocation in its own folder (diycross7 writes @all there).
fam() { local d=$1; shift; mkdir -p "$d"; ( cd "$d" && diycross7 "$@" 2>&1 | grep -v '^Warning: optimised conditions' ) ; }

cd "$C"
X="-arch C"
# Edge vocabulary. Annotations: Rlx Rel Acq Sc Con(consume); no annotation = plain (Na, volatile int).
# Unannotated communication edges (Rfe/Fre/Wse) take the annotations of their neighbours; diycross7
# silently drops combinations whose annotations clash (e.g. plain write read by an atomic load).
WW=PodWWRlxRlx,PodWWRlxRel,PodWWScSc,PodWWNaRel,PodWW,FenceReldWWRlxRlx,FenceScdWWRlxRlx
RR=PodRRRlxRlx,PodRRAcqRlx,PodRRAcqNa,PodRRScSc,PodRRConRlx,PodRR,DpAddrdRRlxRlx,DpAddrdRConRlx,DpCtrldRRlxRlx,DpAddrdR,FenceAcqdRRRlxRlx,FenceScdRRRlxRlx
WR=PodWRRlxRlx,PodWRRelAcq,PodWRScSc,PodWR,FenceScdWRRlxRlx,FenceARdWRRlxRlx
RW=PodRWRlxRlx,PodRWAcqRel,PodRWScSc,PodRW,DpDatadWRlxRlx,DpCtrldWRlxRlx,DpAddrdWRlxRlx,DpDatadW,DpCtrldW,FenceARdRWRlxRlx
WW5=PodWWRlxRlx,PodWWRlxRel,PodWWScSc,PodWW,FenceReldWWRlxRlx
RW6=PodRWRlxRlx,PodRWAcqRlx,DpDatadWRlxRlx,DpCtrldWRlxRlx,DpDatadW,PodRW
WR4=PodWRRlxRlx,PodWRScSc,PodWR,FenceScdWRRlxRlx
RR5=PodRRRlxRlx,PodRRAcqRlx,PodRRScSc,DpAddrdRRlxRlx,FenceAcqdRRRlxRlx
RW5=PodRWRlxRlx,PodRWAcqRel,DpDatadWRlxRlx,DpCtrldWRlxRlx,FenceScdRWRlxRlx
# Single-access threads need an annotated communication edge (alternatives; clashes are dropped).
RFE1=RfeRlxRlx,RfeRlxAcq,RfeScSc,RfeRlxCon
RFE0=RfeRlxRlx,RfeScSc

# -- two threads
fam 01-MP    $X -name MP   $WW Rfe $RR Fre
fam 02-SB    $X -name SB   $WR Fre $WR Fre
fam 03-LB    $X -name LB   $RW Rfe $RW Rfe
fam 04-S     $X -name S    $WW5 Rfe $RW6 Wse
fam 05-R     $X -name R    $WW5 Wse $WR4 Fre
fam 06-2+2W  $X -name 2+2W $WW5 Wse $WW5 Wse
# -- three threads
fam 07-WRC   $X -name WRC  $RFE1 $RW5 Rfe $RR5 Fre
fam 08-ISA2  $X -name ISA2 PodWWRlxRlx,PodWWRlxRel,PodWWScSc,FenceReldWWRlxRlx Rfe PodRWRlxRlx,PodRWAcqRel,DpDatadWRlxRlx,DpCtrldWRlxRlx Rfe PodRRRlxRlx,PodRRAcqRlx,DpAddrdRRlxRlx,FenceAcqdRRRlxRlx Fre
fam 09-RWC   $X -name RWC  $RFE1 $RR5 Fre $WR4 Fre
# -- four threads
fam 10-IRIW  $X -name IRIW $RFE1 $RR5 Fre $RFE1 $RR5 Fre
# -- coherence, one location (-oneloc); communication edges carry explicit annotation alternatives
RFEC=RfeRlxRlx,RfeRlxAcq,RfeRlxCon,RfeRelRlx,RfeRelAcq,RfeScSc,Rfe
FREC=FreRlxRlx,FreRlxRel,FreAcqRlx,FreAcqRel,FreScSc,FreConRlx,Fre
WSEC=WseRlxRlx,WseRlxRel,WseRelRlx,WseRelRel,WseScSc,Wse
fam 11-CoRR  $X -oneloc -name CoRR $RFEC PosRRRlxRlx,PosRRAcqRlx,PosRRAcqAcq,PosRRScSc,PosRRConRlx,PosRR Fre
fam 12-CoWR  $X -oneloc -name CoWR PosWRRlxRlx,PosWRRelAcq,PosWRRlxAcq,PosWRScSc,PosWR $FREC Wse
fam 13-CoRW  $X -oneloc -name CoRW $RFEC PosRWRlxRlx,PosRWAcqRel,PosRWAcqRlx,PosRWScSc,PosRW Wse
fam 14-CoWW  $X -oneloc -name CoWW PosWWRlxRlx,PosWWRlxRel,PosWWRelRel,PosWWScSc,PosWW $WSEC
# -- condition / observer variants (same shapes, other final conditions as diycross7 writes them)
fam 15-MP-unicond   $X -cond unicond -name MP $WW5 Rfe $RR5 Fre
fam 16-SB-observe   $X -cond observe -name SB $WR4 Fre $WR4 Fre
fam 17-LB-neg       $X -neg true     -name LB $RW5 Rfe $RW5 Rfe
fam 18-2+2W-obs     $X -obs force    -name 2+2W $WW5 Wse $WW5 Wse
fam 19-S-obs        $X -obs force    -name S  $WW5 Rfe $RW6 Wse
fam 20-R-obs-local  $X -obs local    -name R  $WW5 Wse $WR4 Fre

# -- more three-thread shapes
fam 21-3.SB   $X -name 3.SB  $WR4 Fre $WR4 Fre $WR4 Fre
fam 22-3.LB   $X -name 3.LB  $RW5 Rfe $RW5 Rfe $RW5 Rfe
fam 23-WWC    $X -name WWC   $RFE1 $RW5 Rfe $RW5 Wse
fam 24-W+RWC  $X -name W+RWC $WW5 Rfe $RR5 Fre $WR4 Fre
fam 25-Z6.3   $X -name Z6.3  $WW5 Wse $WW5 Rfe $RR5 Fre

# -- AArch64: three dependency shapes, herd7 aarch64.cat
cd "$A"
fam 01-MP+dmb.st+addr  -arch AArch64 -name MP DMB.STdWW,DMB.SYdWW,PodWW Rfe DpAddrdR,DpCtrldR,DpCtrlIsbdR,PodRR Fre
fam 02-MP+dmb.st+data  -arch AArch64 -name MP DMB.STdWW,PodWW Rfe DpDatadW Rfi DpAddrdR,PodRR,DpCtrldR Fre
fam 03-LB+datas        -arch AArch64 -name LB DpDatadW,DpAddrdW,DpCtrldW,PodRW Rfe DpDatadW,DpAddrdW,DpCtrldW,PodRW Rfe

# -- herd7 runs (raw output kept) and verdicts.json
python3 "$here/herd_verdicts.py" "$C" c11 rc11.cat c11_partialSC.cat
python3 "$here/herd_verdicts.py" "$A" aarch64 aarch64.cat
