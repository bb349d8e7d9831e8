package media

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// rowDeflater compresses an image's rows as one dynamic-Huffman deflate
// block (RFC 1951), looking for repeats in three places only: the byte
// before (a run of one colour), the byte above (the row before) and,
// where neither repeats, where the last literal of the same byte began
// (the same edge of a glyph further on). A share card is a few colours on
// a plain background: most of its rows are the row above, and most of the
// rest is runs and the row above, so these find about what
// compress/flate's hash table finds (cards from 10% more bytes to 8% fewer
// than at its BestSpeed) at a small part of its cost: compress/flate
// reads every byte of every row, this compares the rows eight bytes at a
// time and skips the rows its caller knows to be the row above.
type rowDeflater struct {
	tokens  []uint32 // a literal byte, or match | (distance-1)<<distShift | length
	dists   [2]int   // the byte before, the byte above
	lit     [286]int32
	dist    [30]int32
	bits    bitWriter
	lengths [maxMatch + 1]uint16 // each length's symbol
	// codes, when set, are the block's codes, made before: the symbols
	// are written as they are found, with no tokens kept nor counted.
	codes *codes
	// last holds, for each byte, where a literal last began with it, plus
	// 1: where its next literal looks for a match (a glyph's edge drawn
	// again further on).
	last [256]int32
}

const (
	match      = 1 << 30
	distShift  = 9
	maxMatch   = 258
	endOfBlock = 256
)

func newRowDeflater() *rowDeflater {
	z := &rowDeflater{}
	for l := 3; l <= maxMatch; l++ {
		c, _, _ := lengthCode(l)
		z.lengths[l] = uint16(c)
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
//
// text, when not nil, is a card's glyphs: the rows they lie on alone are
// written from them (textRow), not read.
func (z *rowDeflater) deflate(out []byte, rows []byte, stride int, repeated []bool, c *codes, text *cardText) ([]byte, uint32) {
	z.tokens = z.tokens[:0]
	clear(z.last[:])
	clear(z.lit[:])
	clear(z.dist[:])
	z.dists = [2]int{1, stride}
	z.bits = bitWriter{out: out}
	if z.codes = c; c != nil {
		z.useCodes()
	}
	sum, row := adler32{a: 1}, adler32{}
	up := stride <= 32768 // the farthest a match may reach
	for r := 0; r < len(rows); r += stride {
		n := min(stride, len(rows)-r)
		var glyphs []placedGlyph
		written := false
		if text != nil && up && r > 0 && n == stride && text.plain[r/stride] {
			glyphs, written = text.layout.row(r / stride)
		}
		switch {
		case written:
			row = z.textRow(text.background[r:r+n], glyphs, r/stride, text.sums[r/stride])
		case !up || r == 0 || n < stride || n < 3: // a match is at least 3 bytes
			z.row(rows, r, r+n, stride, false, row)
			row = adlerOf(rows[r : r+n])
		case repeated != nil && repeated[r/stride], string(rows[r:r+n]) == string(rows[r-stride:r]):
			z.copy(n, 1)
		default:
			row = z.row(rows, r, r+n, stride, true, row)
		}
		sum.join(row, n)
	}
	if c == nil {
		z.lit[endOfBlock]++
		z.codes = newCodes(z.lit[:], z.dist[:], false)
		z.useCodes()
		for _, t := range z.tokens {
			z.write(t)
		}
	}
	z.bits.write(uint64(z.codes.lit[endOfBlock]), uint(z.codes.litN[endOfBlock]))
	return z.bits.flush(), sum.a | sum.b<<16
}

// useCodes writes the block's header.
func (z *rowDeflater) useCodes() {
	c := z.codes
	for i := 0; i < len(c.header); i += 2 {
		z.bits.write(uint64(c.header[i]), uint(c.header[i+1]))
	}
}

// write writes a token with the block's codes.
func (z *rowDeflater) write(t uint32) {
	v, n, v2, n2 := z.codes.symbol(t)
	z.bits.write(v, n)
	if n2 > 0 {
		z.bits.write(v2, n2)
	}
}

// token takes a token as it is.
func (z *rowDeflater) token(t uint32) {
	if z.codes != nil {
		z.write(t)
		return
	}
	z.tokens = append(z.tokens, t)
	if t&match == 0 {
		z.lit[t]++
		return
	}
	z.lit[z.lengths[t&0x1ff]]++
	dc, _, _ := distCode(int(t>>distShift&0x7fff) + 1)
	z.dist[dc]++
}

// cardText is what a card's text rows are written from: where its glyphs
// lie, and the background they lie on.
type cardText struct {
	layout     *textLayout
	background []byte    // the rows before the text
	plain      []bool    // which background rows are the row above
	sums       []adler32 // each background row's Adler-32
}

// textRow writes row y of a card from its glyphs' rows (textLayout.row)
// and the background row bg around them, which is the row above: the
// background and the pixels at each end of a glyph's row that are those
// of the row above are one match with it, and the pixels between are the
// glyph row's own symbols, or a match with the same glyph earlier in the
// row. It returns the row's Adler-32: the background's (sum) with what
// the glyphs' pixels add.
func (z *rowDeflater) textRow(bg []byte, glyphs []placedGlyph, y int, sum adler32) adler32 {
	n := len(bg)
	var a, b int64
	// The bytes from pos-above to pos, since the last symbol, are those
	// of the row above.
	pos, above := 0, 0
	for i := range glyphs {
		p := &glyphs[i]
		g, r, o := p.g, y-p.y, p.x+1
		if r < 0 || r > g.h {
			continue
		}
		gr := &g.rows[r]
		a += int64(gr.s0)
		b += int64(n-o)*int64(gr.s0) - int64(gr.s1)
		if int(gr.lead) == g.w {
			continue
		}
		from, to := o+int(gr.lead), o+g.w-int(gr.trail)
		above += from - pos
		z.upTo(above, from, bg, glyphs[:i+1], y)
		switch {
		case p.same > 0 && to-from >= 3:
			z.copyFrom(to-from, p.same)
		case z.codes != nil && g.codes == z.codes:
			z.bits.writeWords(g.words[gr.words:gr.words+uint32(gr.n)], gr.tail, gr.tailN)
		default:
			for _, t := range g.tokens[r] {
				z.token(t)
			}
		}
		pos, above = to, 0
	}
	z.upTo(above+n-pos, n, bg, glyphs, y)
	return adler32{uint32(((int64(sum.a)+a)%adlerMod + adlerMod) % adlerMod), uint32(((int64(sum.b)+b)%adlerMod + adlerMod) % adlerMod)}
}

// upTo writes the n bytes before pos of text row y, those of the row
// above: one match with it, or when too few for a match, the bytes
// themselves, of a glyph's own pixels or else of the background bg.
func (z *rowDeflater) upTo(n, pos int, bg []byte, glyphs []placedGlyph, y int) {
	if n >= 3 {
		z.copy(n, 1)
		return
	}
	for k := pos - n; k < pos; k++ {
		c := bg[k]
		// The glyphs are in order of their own pixels, which do not
		// meet: the one with k is among the last before it.
		for j := len(glyphs) - 1; j >= 0; j-- {
			p := &glyphs[j]
			from, to, on := p.own(y)
			if !on {
				continue
			}
			if to <= k {
				break
			}
			if from <= k {
				c = p.g.pix[(y-p.y)*p.g.w+k-p.x-1]
				break
			}
		}
		z.literal(c)
	}
}

// literal takes one byte as it is.
func (z *rowDeflater) literal(b byte) { z.token(uint32(b)) }

// row tokenises rows[from:to], whose row above (when above) is stride
// bytes back: at each byte, the longer of the match with the row above
// and the run of the byte before, else a match with where the last
// literal of the byte began, else the byte itself. With a row above it
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
			// Else a match with where the last literal of this byte
			// began, four bytes or more.
			if i+4 <= to {
				// Within the row the literal began in: a card's rows
				// between are not all drawn (cardText).
				if c := int(z.last[b]) - 1; c >= 0 && i-c <= 32768 && c+4 <= (c/stride+1)*stride && binary.LittleEndian.Uint32(rows[c:]) == binary.LittleEndian.Uint32(rows[i:]) {
					n = matchLen(rows[i:to], rows[c:(c/stride+1)*stride])
					z.copyFrom(n, i-c)
				}
				z.last[b] = int32(i + 1)
			}
			if n == 1 {
				z.literal(b)
			}
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
	if c := z.codes; c != nil && z.dists[which] == CardWidth+1 && n < len(c.ups) {
		z.bits.writeString(&c.ups[n])
		return
	}
	z.copyFrom(n, z.dists[which])
}

// copyFrom tokenises n bytes that repeat those distance bytes back.
func (z *rowDeflater) copyFrom(n, distance int) {
	for n > 0 {
		l := matchPart(n)
		z.token(match | uint32(distance-1)<<distShift | uint32(l))
		n -= l
	}
}

// matchPart is the length of the first of the matches n bytes are
// written as: at most maxMatch, leaving a match of at least 3.
func matchPart(n int) int {
	l := min(n, maxMatch)
	if n-l > 0 && n-l < 3 {
		l = n - 3
	}
	return l
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

// codes are a dynamic-Huffman block's codes (RFC 1951, 3.2.7): the
// header that sends them, then each literal's code and each length's code
// with its extra bits, as one write each, and each distance symbol's code.
type codes struct {
	header  []uint16 // value, bits, value, bits, …
	lit     [286]uint16
	litN    [286]uint8
	length  [maxMatch + 1]uint32
	lengthN [maxMatch + 1]uint8
	dist    [30]uint16
	distN   [30]uint8
	// near are the distances within a few rows of a card, with their
	// extra bits, as one write each.
	near  [4096]uint32
	nearN [4096]uint8
	// ups are the symbols of each number of bytes, up to a whole row and
	// its filter byte, that repeat a card's row above.
	ups []bitString
}

// newCodes makes the codes of a block of the symbols counted in lit and
// dist; with every, every symbol has a code, whether counted or not.
func newCodes(lit, dist []int32, every bool) *codes {
	lit, dist = slices.Clone(lit), slices.Clone(dist)
	if every {
		for i := range lit {
			lit[i]++
		}
		for i := range dist {
			dist[i]++
		}
	}
	c := &codes{}
	huffmanLengths(c.litN[:], lit, 15)
	huffmanLengths(c.distN[:], dist, 15)
	nlit := 257
	for i := len(c.litN); i > 257; i-- {
		if c.litN[i-1] != 0 {
			nlit = i
			break
		}
	}
	ndist := 1
	for i := len(c.distN); i > 1; i-- {
		if c.distN[i-1] != 0 {
			ndist = i
			break
		}
	}
	// The two codes' lengths, one sequence, run-length coded.
	lens := append(slices.Clone(c.litN[:nlit]), c.distN[:ndist]...)
	var clFreq [19]int32
	var rle []uint8 // symbol, extra bits, …
	put := func(sym, extra uint8) {
		rle = append(rle, sym, extra)
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

	put2 := func(v, n int) { c.header = append(c.header, uint16(v), uint16(n)) }
	put2(1|2<<1, 3) // the final block, dynamic Huffman codes
	put2(nlit-257, 5)
	put2(ndist-1, 5)
	put2(nclen-4, 4)
	for _, s := range codeLengthOrder[:nclen] {
		put2(int(clLen[s]), 3)
	}
	clCode := canonical(clLen[:])
	extraBits := map[uint8]int{16: 2, 17: 3, 18: 7}
	for i := 0; i < len(rle); i += 2 {
		sym, extra := rle[i], rle[i+1]
		put2(int(clCode[sym]), int(clLen[sym]))
		if n, ok := extraBits[sym]; ok {
			put2(int(extra), n)
		}
	}
	copy(c.lit[:], canonical(c.litN[:]))
	copy(c.dist[:], canonical(c.distN[:]))
	for l := 3; l <= maxMatch; l++ {
		sym, n, x := lengthCode(l)
		c.length[l] = uint32(c.lit[sym]) | uint32(x)<<c.litN[sym]
		c.lengthN[l] = c.litN[sym] + uint8(n)
	}
	for d := 1; d < len(c.near); d++ {
		dc, n, x := distCode(d)
		c.near[d] = uint32(c.dist[dc]) | uint32(x)<<c.distN[dc]
		c.nearN[d] = c.distN[dc] + uint8(n)
	}
	if !every {
		return c
	}
	// Codes made for every card write the card's matches with the row
	// above often.
	const up = CardWidth + 1
	c.ups = make([]bitString, up+1)
	var t []uint32
	for n := 3; n <= up; n++ {
		t = appendMatch(t[:0], n, up)
		for _, m := range t {
			v, k, v2, k2 := c.symbol(m)
			c.ups[n].add(v, k)
			c.ups[n].add(v2, k2)
		}
	}
	return c
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

// symbol is a token's code in c, with its extra bits, as up to two
// writes of at most 32 bits (v2 and n2 are 0 when one will do).
func (c *codes) symbol(t uint32) (v uint64, n uint, v2 uint64, n2 uint) {
	if t&match == 0 {
		return uint64(c.lit[t]), uint(c.litN[t]), 0, 0
	}
	l, d := t&0x1ff, int(t>>distShift&0x7fff)+1
	v, n = uint64(c.length[l]), uint(c.lengthN[l])
	if d < len(c.near) {
		return v, n, uint64(c.near[d]), uint(c.nearN[d])
	}
	dc, x, extra := distCode(d)
	return v, n, uint64(c.dist[dc]) | uint64(extra)<<c.distN[dc], uint(c.distN[dc]) + uint(x)
}

// bitString is bits written once to be copied into streams: whole words
// of 32, then the rest.
type bitString struct {
	words []uint32
	tail  uint64
	n     uint // bits in tail, under 32
}

func (s *bitString) add(v uint64, n uint) {
	s.tail |= v << s.n
	s.n += n
	if s.n >= 32 {
		s.words = append(s.words, uint32(s.tail))
		s.tail >>= 32
		s.n -= 32
	}
}

// writeString writes the bits of s.
func (w *bitWriter) writeString(s *bitString) { w.writeWords(s.words, uint32(s.tail), uint8(s.n)) }

// writeWords writes whole words of 32 bits, then n bits of tail.
func (w *bitWriter) writeWords(words []uint32, tail uint32, n uint8) {
	for _, v := range words {
		w.write(uint64(v), 32)
	}
	if n > 0 {
		w.write(uint64(tail), uint(n))
	}
}

// bitWriter appends bits to out, first bit lowest, as deflate packs them,
// up to 32 at a write.
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
