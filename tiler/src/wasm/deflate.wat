;; The loops of tiler/src/deflate.ts (a zlib stream for PNG tiles) in WebAssembly: run-length
;; tokenisation with the symbol histogram, Huffman coding of the tokens, Adler-32. The Huffman codes
;; themselves and the block header are built in JavaScript (a few hundred symbols).
;;
;; Tokens are u16: a literal byte (0–255), or 256 + (length − 3) for a match of 3–258 bytes at
;; distance 1 (a run of the byte before). Tables, laid out by the caller (byte offsets):
;; - lenSym: u16 × 256, the length symbol (257–285) of each length − 3;
;; - lenExtra: u32 × 256, (extra bit count << 16) | extra bits value of each length − 3;
;; - codes: u32 × 286, (code length << 16) | code bits reversed (deflate writes codes first bit first).
;; Built to deflate.wasm by `npm run build:wasm -w tiler`; a test checks the two agree.
(module
  (memory (export "memory") 1)

  ;; Tokens of src[0, len) into `tokens`; counts each literal/length symbol in `hist` (u32 × 286,
  ;; zeroed by the caller). Returns the number of tokens.
  (func (export "tokenize")
    (param $src i32) (param $len i32) (param $tokens i32) (param $hist i32) (param $lenSym i32)
    (result i32)
    (local $i i32) (local $j i32) (local $end i32) (local $b i32) (local $run i32) (local $t i32)
    (local $sym i32)
    (local.set $t (local.get $tokens))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $b (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (block $literal
          (br_if $literal (i32.eqz (local.get $i)))
          (br_if $literal (i32.ne (local.get $b)
            (i32.load8_u (i32.add (local.get $src) (i32.sub (local.get $i) (i32.const 1))))))
          ;; A run of the byte before: as long as it lasts, up to 258.
          (local.set $end (i32.add (local.get $i) (i32.const 258)))
          (if (i32.gt_u (local.get $end) (local.get $len)) (then (local.set $end (local.get $len))))
          (local.set $j (i32.add (local.get $i) (i32.const 1)))
          (block $runEnd
            (loop $runs
              (br_if $runEnd (i32.ge_u (local.get $j) (local.get $end)))
              (br_if $runEnd (i32.ne (local.get $b) (i32.load8_u (i32.add (local.get $src) (local.get $j)))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $runs)))
          (local.set $run (i32.sub (local.get $j) (local.get $i)))
          (br_if $literal (i32.lt_u (local.get $run) (i32.const 3)))
          (i32.store16 (local.get $t) (i32.add (i32.const 253) (local.get $run)))
          (local.set $sym (i32.load16_u (i32.add (local.get $lenSym)
            (i32.shl (i32.sub (local.get $run) (i32.const 3)) (i32.const 1)))))
          (local.set $sym (i32.add (local.get $hist) (i32.shl (local.get $sym) (i32.const 2))))
          (i32.store (local.get $sym) (i32.add (i32.load (local.get $sym)) (i32.const 1)))
          (local.set $t (i32.add (local.get $t) (i32.const 2)))
          (local.set $i (local.get $j))
          (br $bytes))
        (i32.store16 (local.get $t) (local.get $b))
        (local.set $sym (i32.add (local.get $hist) (i32.shl (local.get $b) (i32.const 2))))
        (i32.store (local.get $sym) (i32.add (i32.load (local.get $sym)) (i32.const 1)))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.shr_u (i32.sub (local.get $t) (local.get $tokens)) (i32.const 1)))

  ;; Writes the `count` tokens and the end-of-block code after the first `bits` bits at `out` (the
  ;; block header, written by the caller; the bits of its last byte above them are zero). A match's
  ;; distance is written with `distCode` ((length << 16) | bits). Returns the bit count at the end.
  (func (export "encode")
    (param $tokens i32) (param $count i32) (param $codes i32) (param $lenSym i32) (param $lenExtra i32)
    (param $distCode i32) (param $out i32) (param $bits i32)
    (result i32)
    (local $p i32) (local $end i32) (local $tok i32) (local $code i32) (local $acc i64) (local $n i32)
    (local $o i32) (local $l i32) (local $extra i32)
    (local.set $o (i32.add (local.get $out) (i32.shr_u (local.get $bits) (i32.const 3))))
    (local.set $n (i32.and (local.get $bits) (i32.const 7)))
    (local.set $acc (i64.extend_i32_u (i32.load8_u (local.get $o))))
    (local.set $p (local.get $tokens))
    (local.set $end (i32.add (local.get $tokens) (i32.shl (local.get $count) (i32.const 1))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $tok (i32.load16_u (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (if (i32.lt_u (local.get $tok) (i32.const 256))
          (then
            (local.set $code (i32.load (i32.add (local.get $codes) (i32.shl (local.get $tok) (i32.const 2))))))
          (else
            (local.set $l (i32.sub (local.get $tok) (i32.const 256)))
            (local.set $code (i32.load (i32.add (local.get $codes) (i32.shl
              (i32.load16_u (i32.add (local.get $lenSym) (i32.shl (local.get $l) (i32.const 1))))
              (i32.const 2)))))
            ;; Length code, then its extra bits, then the distance code: ≤ 15 + 5 + 15 bits, written
            ;; as two puts so the accumulator (< 32 bits between puts) never overflows 64.
            (local.set $extra (i32.load (i32.add (local.get $lenExtra) (i32.shl (local.get $l) (i32.const 2)))))
            (local.set $acc (i64.or (local.get $acc) (i64.shl
              (i64.extend_i32_u (i32.or
                (i32.and (local.get $code) (i32.const 0xffff))
                (i32.shl (i32.and (local.get $extra) (i32.const 0xffff)) (i32.shr_u (local.get $code) (i32.const 16)))))
              (i64.extend_i32_u (local.get $n)))))
            (local.set $n (i32.add (local.get $n)
              (i32.add (i32.shr_u (local.get $code) (i32.const 16)) (i32.shr_u (local.get $extra) (i32.const 16)))))
            (if (i32.ge_u (local.get $n) (i32.const 32))
              (then
                (i32.store (local.get $o) (i32.wrap_i64 (local.get $acc)))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))
                (local.set $acc (i64.shr_u (local.get $acc) (i64.const 32)))
                (local.set $n (i32.sub (local.get $n) (i32.const 32)))))
            (local.set $code (local.get $distCode))))
        (local.set $acc (i64.or (local.get $acc) (i64.shl
          (i64.extend_i32_u (i32.and (local.get $code) (i32.const 0xffff)))
          (i64.extend_i32_u (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.shr_u (local.get $code) (i32.const 16))))
        (if (i32.ge_u (local.get $n) (i32.const 32))
          (then
            (i32.store (local.get $o) (i32.wrap_i64 (local.get $acc)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $acc (i64.shr_u (local.get $acc) (i64.const 32)))
            (local.set $n (i32.sub (local.get $n) (i32.const 32)))))
        (br $each)))
    ;; End of block (symbol 256), then the bits left.
    (local.set $code (i32.load offset=1024 (local.get $codes)))
    (local.set $acc (i64.or (local.get $acc) (i64.shl
      (i64.extend_i32_u (i32.and (local.get $code) (i32.const 0xffff)))
      (i64.extend_i32_u (local.get $n)))))
    (local.set $n (i32.add (local.get $n) (i32.shr_u (local.get $code) (i32.const 16))))
    (i64.store (local.get $o) (local.get $acc))
    (i32.add (i32.shl (i32.sub (local.get $o) (local.get $out)) (i32.const 3)) (local.get $n)))

  ;; Adler-32 of src[0, len) (RFC 1950 §8.2): sums reduced every 5552 bytes, before they can overflow.
  (func (export "adler32") (param $src i32) (param $len i32) (result i32)
    (local $a i32) (local $b i32) (local $p i32) (local $end i32) (local $block i32)
    (local.set $a (i32.const 1))
    (local.set $p (local.get $src))
    (local.set $end (i32.add (local.get $src) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $block (i32.add (local.get $p) (i32.const 5552)))
        (if (i32.gt_u (local.get $block) (local.get $end)) (then (local.set $block (local.get $end))))
        (loop $bytes
          (local.set $a (i32.add (local.get $a) (i32.load8_u (local.get $p))))
          (local.set $b (i32.add (local.get $b) (local.get $a)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $bytes (i32.lt_u (local.get $p) (local.get $block))))
        (local.set $a (i32.rem_u (local.get $a) (i32.const 65521)))
        (local.set $b (i32.rem_u (local.get $b) (i32.const 65521)))
        (br $blocks)))
    (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a))))
