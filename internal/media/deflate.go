package media

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// rowDeflater compresses an image's rows as one dynamic-Huffman deflate
// block (RFC 1951), looking for repeats at two distances only: the byte
// before (a run of one colour) and the byte above (the row before).
// A share card is a few colours on a plain background: most of its rows
// are the row above, and most of the rest is runs and the row above, so
// these two distances find nearly all that compress/flate's hash chains
// find, at a small part of its cost (compress/flate reads every byte of
// every row; this compares the rows eight bytes at a time and a row equal
// to the one above at once).
type rowDeflater struct {
	tokens  []uint32 // a literal byte, or match | which of dists<<distShift | length
	dists   [2]int   // the byte before, the byte above
	dcodes  [2]int   // their symbols
	lit     [286]int32
	dist    [30]int32
	bits    bitWriter
	rle     []uint8 // the code lengths, run-length coded, with their extra bits
	lengths [maxMatch + 1]symbol
}

// symbol is a length's or a distance's symbol and its extra bits; code
// is its Huffman code once the block's codes are made.
type symbol struct {
	code  uint16
	n     uint8 // extra bits
	extra uint16
}

const (
	match      = 1 << 30
	distShift  = 28
	maxMatch   = 258
	endOfBlock = 256
)

func newRowDeflater() *rowDeflater {
	z := &rowDeflater{}
	for l := 3; l <= maxMatch; l++ {
		c, n, x := lengthCode(l)
		z.lengths[l] = symbol{uint16(c), uint8(n), uint16(x)}
	}
	return z
}

// deflate appends to out the deflate stream of rows, h rows of stride
// bytes each (their filter byte and pixels), in one final block, and
// returns the rows' Adler-32 (RFC 1950) too, which it sums as it goes: a
// row equal to the one above adds that row's sum again, and another row's
// sum is the one above's and what the bytes that differ add.
//
// repeated, when not nil, says which rows the caller knows to be the row
// above (repeated[y] for row y): they are not compared.
func (z *rowDeflater) deflate(out []byte, rows []byte, stride int, repeated []bool) ([]byte, uint32) {
	z.tokens = z.tokens[:0]
	clear(z.lit[:])
	clear(z.dist[:])
	sum, row := adler32{a: 1}, adler32{}
	z.dists = [2]int{1, stride}
	for i, d := range z.dists {
		z.dcodes[i], _, _ = distCode(d)
	}
	up := stride <= 32768 // the farthest a match may reach
	for r := 0; r < len(rows); r += stride {
		n := min(stride, len(rows)-r)
		switch {
		case !up || r == 0 || n < stride:
			z.row(rows, r, r+n, stride, false, row)
			row = adlerOf(rows[r : r+n])
		case repeated != nil && repeated[r/stride], string(rows[r:r+n]) == string(rows[r-stride:r]):
			z.copy(n, 1)
		default:
			row = z.row(rows, r, r+n, stride, true, row)
		}
		sum.join(row, n)
	}
	z.lit[endOfBlock]++
	z.bits = bitWriter{out: out}
	z.block()
	return z.bits.flush(), sum.a | sum.b<<16
}

// row tokenises rows[from:to], whose row above (when above) is stride
// bytes back: at each byte, the longer of the match with the row above
// and the run of the byte before, or the byte itself. With a row above it
// returns the row's own Adler-32: the one of the row above (prev) with
// what the bytes that are not matches with it change.
func (z *rowDeflater) row(rows []byte, from, to, stride int, above bool, prev adler32) adler32 {
	var d0, d1 int64 // Σ(x - x above) and Σ(to-k)(x - x above): a row's a and b (RFC 1950) less the row above's
	for i := from; i < to; {
		b := rows[i]
		up, run := 0, 0
		if above && b == rows[i-stride] {
			up = matchLen(rows[i:to], rows[i-stride:])
		}
		// A run is longer than the match above only if the byte after the
		// match is the run's too.
		if i > from && b == rows[i-1] && (up < 3 || up < maxMatch && i+up < to && rows[i+up] == b) {
			run = sameAs(rows[i:to], b)
		}
		n := 1
		switch {
		case up >= 3 && up >= run:
			z.copy(up, 1)
			i += up
			continue
		case run >= 3:
			z.copy(run, 0)
			n = run
		default:
			z.tokens = append(z.tokens, uint32(b))
			z.lit[b]++
		}
		switch {
		case above && n == 1:
			dx := int64(b) - int64(rows[i-stride])
			d0 += dx
			d1 += int64(to-i) * dx
		case above:
			for k := i; k < i+n; k++ {
				dx := int64(rows[k]) - int64(rows[k-stride])
				d0 += dx
				d1 += int64(to-k) * dx
			}
		}
		i += n
	}
	return adler32{uint32(((int64(prev.a)+d0)%adlerMod + adlerMod) % adlerMod), uint32(((int64(prev.b)+d1)%adlerMod + adlerMod) % adlerMod)}
}

// copy tokenises n bytes that repeat those dists[which] bytes back.
func (z *rowDeflater) copy(n, which int) {
	dc := z.dcodes[which]
	for n > 0 {
		l := min(n, maxMatch)
		if n-l > 0 && n-l < 3 {
			l = n - 3 // leave a match of at least 3
		}
		z.tokens = append(z.tokens, match|uint32(which)<<distShift|uint32(l))
		z.lit[z.lengths[l].code]++
		z.dist[dc]++
		n -= l
	}
}

// sameAs is how many bytes of p, at most maxMatch, are b.
func sameAs(p []byte, b byte) int {
	p = p[:min(len(p), maxMatch)]
	w := uint64(b) * 0x0101010101010101
	n := 0
	for ; n+8 <= len(p); n += 8 {
		if x := binary.LittleEndian.Uint64(p[n:]) ^ w; x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(p) && p[n] == b {
		n++
	}
	return n
}

// matchLen is how many bytes of p, at most maxMatch, are those of q.
func matchLen(p, q []byte) int {
	p = p[:min(len(p), len(q), maxMatch)]
	q = q[:len(p)]
	n := 0
	// 32 bytes a step while they match: most of a card's rows is the row
	// above.
	for ; n+32 <= len(p); n += 32 {
		a, b := p[n:n+32], q[n:n+32]
		x := (binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)) |
			(binary.LittleEndian.Uint64(a[8:]) ^ binary.LittleEndian.Uint64(b[8:])) |
			(binary.LittleEndian.Uint64(a[16:]) ^ binary.LittleEndian.Uint64(b[16:])) |
			(binary.LittleEndian.Uint64(a[24:]) ^ binary.LittleEndian.Uint64(b[24:]))
		if x != 0 {
			break
		}
	}
	for ; n+8 <= len(p); n += 8 {
		if x := binary.LittleEndian.Uint64(p[n:]) ^ binary.LittleEndian.Uint64(q[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(p) && p[n] == q[n] {
		n++
	}
	return n
}

// lengthCode is the length's symbol of the literal/length alphabet and
// its extra bits (RFC 1951, 3.2.5), for 3 ≤ l ≤ 258.
func lengthCode(l int) (code, nextra, extra int) {
	switch {
	case l == maxMatch:
		return 285, 0, 0
	case l < 11:
		return 257 + l - 3, 0, 0
	}
	v := l - 3
	nextra = bits.Len(uint(v)) - 3
	return 257 + 4*nextra + 4 + v>>nextra - 4, nextra, v & (1<<nextra - 1)
}

// distCode is the distance's symbol and extra bits, for 1 ≤ d ≤ 32768.
func distCode(d int) (code, nextra, extra int) {
	v := d - 1
	if v < 4 {
		return v, 0, 0
	}
	nextra = bits.Len(uint(v)) - 2
	return 2*nextra + v>>nextra, nextra, v & (1<<nextra - 1)
}

// codeLengthOrder is the order the code length code's lengths are sent in.
var codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// block writes the tokens as one final dynamic-Huffman block.
func (z *rowDeflater) block() {
	var litLen [286]uint8
	var distLen [30]uint8
	huffmanLengths(litLen[:], z.lit[:], 15)
	huffmanLengths(distLen[:], z.dist[:], 15)
	nlit := 257
	for i := len(litLen); i > 257; i-- {
		if litLen[i-1] != 0 {
			nlit = i
			break
		}
	}
	ndist := 1
	for i := len(distLen); i > 1; i-- {
		if distLen[i-1] != 0 {
			ndist = i
			break
		}
	}
	// The two codes' lengths, one sequence, run-length coded.
	lens := append(slices.Clone(litLen[:nlit]), distLen[:ndist]...)
	var clFreq [19]int32
	z.rle = z.rle[:0]
	put := func(sym, extra uint8) {
		z.rle = append(z.rle, sym, extra)
		clFreq[sym]++
	}
	for i := 0; i < len(lens); {
		l, run := lens[i], 1
		for i+run < len(lens) && lens[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for ; run >= 11; run -= min(run, 138) {
				put(18, uint8(min(run, 138)-11))
			}
			if run >= 3 {
				put(17, uint8(run-3))
				run = 0
			}
		} else {
			put(l, 0)
			for run--; run >= 3; run -= min(run, 6) {
				put(16, uint8(min(run, 6)-3))
			}
		}
		for ; run > 0; run-- {
			put(l, 0)
		}
	}
	var clLen [19]uint8
	huffmanLengths(clLen[:], clFreq[:], 7)
	nclen := 4
	for i := 19; i > 4; i-- {
		if clLen[codeLengthOrder[i-1]] != 0 {
			nclen = i
			break
		}
	}

	w := &z.bits
	w.write(1|2<<1, 3) // the final block, dynamic Huffman codes
	w.write(uint64(nlit-257), 5)
	w.write(uint64(ndist-1), 5)
	w.write(uint64(nclen-4), 4)
	for _, s := range codeLengthOrder[:nclen] {
		w.write(uint64(clLen[s]), 3)
	}
	clCode := canonical(clLen[:])
	for i := 0; i < len(z.rle); i += 2 {
		sym, extra := z.rle[i], z.rle[i+1]
		w.write(uint64(clCode[sym]), uint(clLen[sym]))
		switch sym {
		case 16:
			w.write(uint64(extra), 2)
		case 17:
			w.write(uint64(extra), 3)
		case 18:
			w.write(uint64(extra), 7)
		}
	}
	litCode, distCodes := canonical(litLen[:]), canonical(distLen[:])
	// Each length's and distance's code and extra bits, as one
	// write each.
	var lenBits [maxMatch + 1]uint32
	var lenN [maxMatch + 1]uint8
	for l := 3; l <= maxMatch; l++ {
		s := z.lengths[l]
		lenBits[l] = uint32(litCode[s.code]) | uint32(s.extra)<<litLen[s.code]
		lenN[l] = litLen[s.code] + s.n
	}
	var distBits [2]uint32
	var distN [2]uint8
	for i, d := range z.dists {
		c, n, x := distCode(max(d, 1))
		distBits[i] = uint32(distCodes[c]) | uint32(x)<<distLen[c]
		distN[i] = distLen[c] + uint8(n)
	}
	for _, t := range z.tokens {
		if t&match == 0 {
			w.write(uint64(litCode[t]), uint(litLen[t]))
			continue
		}
		l, d := t&0x1ff, t>>distShift&1
		w.write(uint64(lenBits[l])|uint64(distBits[d])<<lenN[l], uint(lenN[l])+uint(distN[d]))
	}
	w.write(uint64(litCode[endOfBlock]), uint(litLen[endOfBlock]))
}

// huffmanLengths sets the code length of each symbol of freq, none over
// limit, for a complete prefix code: symbols of no frequency get none, and
// when fewer than two have one, symbols are given one so that the code
// has two (a decoder refuses an incomplete code).
func huffmanLengths(lengths []uint8, freq []int32, limit int) {
	f := slices.Clone(freq)
	for i := 0; countUsed(f) < 2; i++ {
		f[i] = max(f[i], 1)
	}
	for {
		if huffman(lengths, f) <= limit {
			return
		}
		// Flatter frequencies make a shallower tree.
		for i, v := range f {
			if v > 0 {
				f[i] = (v + 1) / 2
			}
		}
	}
}

func countUsed(f []int32) int {
	n := 0
	for _, v := range f {
		if v > 0 {
			n++
		}
	}
	return n
}

// huffman sets the Huffman code lengths of freq (at least two used) and
// returns the longest.
func huffman(lengths []uint8, freq []int32) int {
	type node struct {
		freq   int64
		parent int32
	}
	var leaves []uint64 // frequency<<16 | symbol, in order
	for s, v := range freq {
		if v > 0 {
			leaves = append(leaves, uint64(v)<<16|uint64(s))
		}
	}
	slices.Sort(leaves)
	n := len(leaves)
	nodes := make([]node, n, 2*n-1)
	for i, l := range leaves {
		nodes[i] = node{freq: int64(l >> 16), parent: -1}
	}
	// Two queues: the leaves in order, and the inner nodes, made in order
	// of frequency.
	leaf, inner := 0, n
	take := func() int {
		if leaf < n && (inner >= len(nodes) || nodes[leaf].freq <= nodes[inner].freq) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for len(nodes) < 2*n-1 {
		a, b := take(), take()
		p := int32(len(nodes))
		nodes = append(nodes, node{freq: nodes[a].freq + nodes[b].freq, parent: -1})
		nodes[a].parent, nodes[b].parent = p, p
	}
	depth := make([]uint8, len(nodes))
	longest := 0
	for i := len(nodes) - 2; i >= 0; i-- {
		depth[i] = depth[nodes[i].parent] + 1
		if i < n {
			longest = max(longest, int(depth[i]))
		}
	}
	clear(lengths)
	for i, l := range leaves {
		lengths[uint16(l)] = depth[i]
	}
	return longest
}

// canonical gives each symbol its code of RFC 1951 3.2.2 from the
// lengths, bit-reversed as deflate sends codes first bit first.
func canonical(lengths []uint8) []uint16 {
	var count [16]uint16
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	code := uint16(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint16, len(lengths))
	for s, l := range lengths {
		if l > 0 {
			codes[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
	return codes
}

// bitWriter appends bits to out, first bit lowest, as deflate packs them.
type bitWriter struct {
	out   []byte
	acc   uint64
	nbits uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	if w.nbits >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.nbits -= 32
	}
}

// flush writes the last bits, padded to a byte.
func (w *bitWriter) flush() []byte {
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits -= min(w.nbits, 8)
	}
	return w.out
}
