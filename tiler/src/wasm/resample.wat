;; The bilinear kernel of tiler/src/resample.ts for 8-bit RGBA windows without a mask, in WebAssembly
;; with 128-bit SIMD: GDAL's 4-sample bilinear (scale ≥ 0.95) and its triangle widened by 1/scale for a
;; 1–2× reduction, both as 4 × 4 taps (the 4-sample one with zero outer weights). A tap row is one
;; 16-byte load (four RGBA pixels); the picked bands are weighed along x by two 16-bit dot products
;; with the x weights in Q14 integers (1/16384 steps), the rows along y in f32, and the sum divided by
;; the same weights' sum — a weighted mean whose weights differ from the doubles of the JavaScript
;; path by < 1e-4, so the values by < 0.03 (of 0–255).
;;
;; The caller lays the arrays out in `memory` (byte offsets): the mapping's x and y (f64 per
;; destination pixel, level pixel/line), the source window (RGBA bytes, `bw` × `bh`), the output
;; bands (f32, `nOut` per pixel, zeroed) and validity (u8, zeroed). A pixel whose taps leave the
;; window gets validity 2 and is left to the JavaScript path; one whose centre falls outside gets 0.
;; Built to resample.wasm by `npm run build:wasm -w tiler`; a test checks the two agree.
(module
  (memory (export "memory") 1)

  ;; Destination pixels of the region (rx, ry, rw, rh) of a mapping `mw` wide; returns how many became
  ;; valid (validity 1). `b0`…`b2` pick the output bands from the four.
  (func (export "bilinearRgba")
    (param $mx i32) (param $my i32) (param $mw i32)
    (param $rx i32) (param $ry i32) (param $rw i32) (param $rh i32)
    (param $src i32) (param $bw i32) (param $bh i32)
    (param $offX f64) (param $offY f64) (param $sx f64) (param $sy f64)
    (param $out i32) (param $valid i32) (param $nOut i32)
    (param $b0 i32) (param $b1 i32) (param $b2 i32)
    (result i32)
    (local $row i32) (local $rowEnd i32) (local $o i32) (local $oEnd i32) (local $count i32)
    (local $cx f64) (local $cy f64) (local $fx f64) (local $fy f64) (local $dx f64) (local $dy f64)
    (local $ifx i32) (local $ify i32) (local $ix i32) (local $iy i32)
    (local $wsum f32) (local $X v128) (local $Y v128) (local $W01 v128) (local $W23 v128)
    (local $v v128) (local $acc v128) (local $pick01 v128) (local $pick23 v128)
    (local $p i32) (local $stride i32) (local $q i32)
    (local $zero v128) (local $ones v128) (local $one v128) (local $K v128) (local $SX v128) (local $SY v128)
    (local $Q14 v128) (local $half v128)

    ;; Swizzles of a tap row's 16 bytes into 16-bit lanes: bands b0, b1, b2 of pixels 0 and 1 (of 2 and 3),
    ;; then two zero lanes (0x80 picks zero) that $one turns into 1s.
    (local.set $pick01 (i32x4.replace_lane 2 (i32x4.replace_lane 1 (i32x4.replace_lane 0
      (v128.const i32x4 0 0 0 0x80808080)
      (i32.add (i32.mul (local.get $b0) (i32.const 0x00010001)) (i32.const 0x80048000)))
      (i32.add (i32.mul (local.get $b1) (i32.const 0x00010001)) (i32.const 0x80048000)))
      (i32.add (i32.mul (local.get $b2) (i32.const 0x00010001)) (i32.const 0x80048000))))
    (local.set $pick23 (i32x4.add (local.get $pick01) (v128.const i32x4 0x00080008 0x00080008 0x00080008 0)))
    (local.set $one (v128.const i16x8 0 0 0 0 0 0 1 1))
    (local.set $zero (v128.const f32x4 0 0 0 0))
    (local.set $ones (v128.const f32x4 1 1 1 1))
    (local.set $K (v128.const f32x4 -1 0 1 2))
    (local.set $Q14 (v128.const f32x4 16384 16384 16384 16384))
    (local.set $half (v128.const f32x4 0.5 0.5 0.5 0.5))
    (local.set $SX (f32x4.splat (f32.demote_f64 (local.get $sx))))
    (local.set $SY (f32x4.splat (f32.demote_f64 (local.get $sy))))
    (local.set $stride (i32.shl (local.get $bw) (i32.const 2)))
    (local.set $row (local.get $ry))
    (local.set $rowEnd (i32.add (local.get $ry) (local.get $rh)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $row) (local.get $rowEnd)))
        (local.set $o (i32.add (i32.mul (local.get $row) (local.get $mw)) (local.get $rx)))
        (local.set $oEnd (i32.add (local.get $o) (local.get $rw)))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $o) (local.get $oEnd)))
            (block $next
              ;; Kernel base pixel and fraction, and the pixel under the centre (GDAL's 1e-10 slack).
              (local.set $cx (f64.sub (f64.sub
                (f64.load (i32.add (local.get $mx) (i32.shl (local.get $o) (i32.const 3))))
                (local.get $offX)) (f64.const 0.5)))
              (local.set $cy (f64.sub (f64.sub
                (f64.load (i32.add (local.get $my) (i32.shl (local.get $o) (i32.const 3))))
                (local.get $offY)) (f64.const 0.5)))
              (local.set $fx (f64.floor (local.get $cx)))
              (local.set $fy (f64.floor (local.get $cy)))
              (local.set $dx (f64.sub (local.get $cx) (local.get $fx)))
              (local.set $dy (f64.sub (local.get $cy) (local.get $fy)))
              (local.set $ifx (i32.trunc_sat_f64_s (local.get $fx)))
              (local.set $ify (i32.trunc_sat_f64_s (local.get $fy)))
              (local.set $ix (i32.add (local.get $ifx)
                (f64.ge (local.get $dx) (f64.const 0.4999999999))))
              (local.set $iy (i32.add (local.get $ify)
                (f64.ge (local.get $dy) (f64.const 0.4999999999))))
              ;; Centre outside the window (unsigned: negative too): no data.
              (br_if $next (i32.or
                (i32.ge_u (local.get $ix) (local.get $bw))
                (i32.ge_u (local.get $iy) (local.get $bh))))
              ;; Taps fx−1 … fx+2 leaving the window: the JavaScript path clips them.
              (if (i32.or
                    (i32.or (i32.lt_s (local.get $ifx) (i32.const 1)) (i32.lt_s (local.get $ify) (i32.const 1)))
                    (i32.or
                      (i32.gt_s (i32.add (local.get $ifx) (i32.const 3)) (local.get $bw))
                      (i32.gt_s (i32.add (local.get $ify) (i32.const 3)) (local.get $bh))))
                (then
                  (i32.store8 (i32.add (local.get $valid) (local.get $o)) (i32.const 2))
                  (br $next)))
              ;; Weights of the centres fx−1 … fx+2, at distances |k − 1 − d|: along x in Q14 integers,
              ;; arranged for the two dot products of a tap row (pixels 0–1, 2–3); along y in f32.
              (local.set $X (f32x4.pmax (local.get $zero) (f32x4.sub (local.get $ones) (f32x4.mul (local.get $SX)
                (f32x4.abs (f32x4.sub (local.get $K) (f32x4.splat (f32.demote_f64 (local.get $dx)))))))))
              (local.set $Y (f32x4.pmax (local.get $zero) (f32x4.sub (local.get $ones) (f32x4.mul (local.get $SY)
                (f32x4.abs (f32x4.sub (local.get $K) (f32x4.splat (f32.demote_f64 (local.get $dy)))))))))
              (local.set $X (i32x4.trunc_sat_f32x4_s
                (f32x4.add (f32x4.mul (local.get $X) (local.get $Q14)) (local.get $half))))
              (local.set $X (i16x8.narrow_i32x4_s (local.get $X) (local.get $X)))
              (local.set $W01 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $X) (local.get $X)))
              (local.set $W23 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $X) (local.get $X)))
              ;; Four tap rows of 16 bytes (four RGBA pixels): the picked bands of pixel pairs and a 1 as
              ;; 16-bit lanes, dotted with the x weights, so lane 3 sums the weights themselves.
              (local.set $p (i32.add (local.get $src) (i32.shl
                (i32.add (i32.mul (i32.sub (local.get $ify) (i32.const 1)) (local.get $bw))
                         (i32.sub (local.get $ifx) (i32.const 1)))
                (i32.const 2))))
              (local.set $acc (local.get $zero))
              (local.set $v (v128.load offset=0 (local.get $p)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.add
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick01)) (local.get $one)) (local.get $W01))
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick23)) (local.get $one)) (local.get $W23))))
                (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $Y) (local.get $Y)))))
              (local.set $p (i32.add (local.get $p) (local.get $stride)))
              (local.set $v (v128.load offset=0 (local.get $p)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.add
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick01)) (local.get $one)) (local.get $W01))
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick23)) (local.get $one)) (local.get $W23))))
                (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $Y) (local.get $Y)))))
              (local.set $p (i32.add (local.get $p) (local.get $stride)))
              (local.set $v (v128.load offset=0 (local.get $p)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.add
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick01)) (local.get $one)) (local.get $W01))
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick23)) (local.get $one)) (local.get $W23))))
                (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $Y) (local.get $Y)))))
              (local.set $p (i32.add (local.get $p) (local.get $stride)))
              (local.set $v (v128.load offset=0 (local.get $p)))
              (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.add
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick01)) (local.get $one)) (local.get $W01))
                  (i32x4.dot_i16x8_s (v128.or (i8x16.swizzle (local.get $v) (local.get $pick23)) (local.get $one)) (local.get $W23))))
                (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $Y) (local.get $Y)))))
              (local.set $wsum (f32x4.extract_lane 3 (local.get $acc)))
              (br_if $next (f32.lt (local.get $wsum) (f32.const 0.16384)))
              (local.set $acc (f32x4.div (local.get $acc) (f32x4.splat (local.get $wsum))))
              (local.set $q (i32.add (local.get $out)
                (i32.shl (i32.mul (local.get $o) (local.get $nOut)) (i32.const 2))))
              (f32.store (local.get $q) (f32x4.extract_lane 0 (local.get $acc)))
              (if (i32.gt_s (local.get $nOut) (i32.const 1))
                (then (f32.store offset=4 (local.get $q) (f32x4.extract_lane 1 (local.get $acc)))))
              (if (i32.gt_s (local.get $nOut) (i32.const 2))
                (then (f32.store offset=8 (local.get $q) (f32x4.extract_lane 2 (local.get $acc)))))
              (i32.store8 (i32.add (local.get $valid) (local.get $o)) (i32.const 1))
              (local.set $count (i32.add (local.get $count) (i32.const 1))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $cols)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows)))
    (local.get $count)))
