// Package kept writes values a build keeps for the next one, and reads
// them back exactly: a value read is deeply equal to the value written,
// nil and empty apart (encoding/gob reads an empty slice, or a pointer
// to a zero struct, as nil; JSON loses the difference too). It writes
// by reflection every field, element and pointed-to value, so that a
// field added to a type is kept without anyone listing it; a value it
// cannot read back exactly (an unexported field, an interface, a func,
// a time in a named zone) is an error when written, never a wrong value
// when read.
package kept

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// ErrDamaged is Read's error for bytes Append did not write.
var ErrDamaged = errors.New("kept: damaged")

var timeType = reflect.TypeFor[time.Time]()

// Append appends v, a pointer, to b.
func Append(b []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return b, fmt.Errorf("kept: Append of a %T, not a pointer", v)
	}
	w := writer{b: b}
	w.value(rv.Elem())
	return w.b, w.err
}

// Read reads into v, a pointer to a value of the type Append was given a
// pointer to, what Append wrote in s.
func Read(s string, v any) error { return read(s, v, false) }

// ReadParts is Read, but the strings read into v are parts of s, not
// copies: for an s that lives as long as v, such as a file mapped for
// good (sitefs.Map), whose text copied would be held twice. Byte slices
// are still copies: they may be written to, and a mapped file may not.
func ReadParts(s string, v any) error { return read(s, v, true) }

func read(s string, v any, parts bool) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("kept: Read into a %T, not a pointer", v)
	}
	r := reader{Decoder: Decoder{s: s}, parts: parts}
	r.value(rv.Elem())
	if r.err == nil && r.s != "" {
		r.err = ErrDamaged
	}
	return r.err
}

type writer struct {
	b   []byte
	err error
}

func (w *writer) u(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

func (w *writer) fail(t reflect.Type, why string) {
	if w.err == nil {
		w.err = fmt.Errorf("kept: cannot keep a %s: %s", t, why)
	}
}

func (w *writer) value(v reflect.Value) {
	if w.err != nil {
		return
	}
	t := v.Type()
	if t == timeType {
		w.time(v)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			w.u(1)
		} else {
			w.u(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.b = binary.AppendVarint(w.b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.u(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v.Float()))
	case reflect.String:
		w.u(uint64(v.Len()))
		w.b = append(w.b, v.String()...)
	case reflect.Slice:
		// 0 is nil; an empty slice is 1.
		if v.IsNil() {
			w.u(0)
			return
		}
		w.u(uint64(v.Len()) + 1)
		if t.Elem().Kind() == reflect.Uint8 {
			w.b = append(w.b, v.Bytes()...)
			return
		}
		for i := range v.Len() {
			w.value(v.Index(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			w.value(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				w.fail(t, "its field "+t.Field(i).Name+" is not exported")
				return
			}
			w.value(v.Field(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.u(0)
			return
		}
		w.u(1)
		w.value(v.Elem())
	case reflect.Map:
		if v.IsNil() {
			w.u(0)
			return
		}
		w.u(uint64(v.Len()) + 1)
		it := v.MapRange()
		for it.Next() {
			w.value(it.Key())
			w.value(it.Value())
		}
	default:
		w.fail(t, "its kind cannot be read back")
	}
}

// time writes a time as its instant and its zone, which must be UTC or a
// fixed zone without a name (as date.Parse makes them): another zone
// (Local, or one of the zone database) could not be made again the same.
func (w *writer) time(v reflect.Value) {
	t := v.Interface().(time.Time)
	name, offset := t.Zone()
	switch loc := t.Location(); {
	case loc == time.UTC:
		w.u(0)
	case loc != time.Local && loc.String() == "" && name == "":
		w.u(1)
		w.b = binary.AppendVarint(w.b, int64(offset))
	default:
		w.fail(v.Type(), "its zone is not UTC or a fixed offset")
		return
	}
	w.b = binary.AppendVarint(w.b, t.Unix())
	w.u(uint64(t.Nanosecond()))
}

type reader struct {
	Decoder
	parts bool // strings are parts of the Decoder's, not copies
}

// A Decoder reads off a string what binary.AppendUvarint,
// binary.AppendVarint and AppendString wrote, one after another. Once it
// meets the end or a bad number it reads zeros, and Err is ErrDamaged.
type Decoder struct {
	s   string
	err error
}

// NewDecoder returns a Decoder of s.
func NewDecoder(s string) *Decoder { return &Decoder{s: s} }

// AppendString appends s, as its length and its bytes.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Err is ErrDamaged once the Decoder met the end or a bad number.
func (d *Decoder) Err() error { return d.err }

// Done reports whether every byte was read, and well.
func (d *Decoder) Done() bool { return d.err == nil && d.s == "" }

// Uvarint reads what binary.AppendUvarint wrote.
func (d *Decoder) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		b := d.s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // overflows
			}
			d.s = d.s[i+1:]
			return v | uint64(b)<<(7*i)
		}
		v |= uint64(b&0x7f) << (7 * i)
	}
	d.err = ErrDamaged
	return 0
}

// Varint reads what binary.AppendVarint wrote.
func (d *Decoder) Varint() int64 {
	u := d.Uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Count reads a number of things that follow, each at least a byte
// long: no more than the bytes left.
func (d *Decoder) Count() int {
	n := d.Uvarint()
	if n > uint64(len(d.s)) {
		d.err = ErrDamaged
		return 0
	}
	return int(n)
}

// Text reads what AppendString wrote: a part of the Decoder's string,
// not a copy.
func (d *Decoder) Text() string {
	n := d.Count()
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (r *reader) value(v reflect.Value) {
	if r.err != nil {
		return
	}
	t := v.Type()
	if t == timeType {
		r.time(v)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.Uvarint() == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := r.Varint()
		if v.OverflowInt(x) {
			r.err = ErrDamaged
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x := r.Uvarint()
		if v.OverflowUint(x) {
			r.err = ErrDamaged
		}
		v.SetUint(x)
	case reflect.Float32, reflect.Float64:
		if len(r.s) < 8 {
			r.err = ErrDamaged
			return
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64([]byte(r.s[:8]))))
		r.s = r.s[8:]
	case reflect.String:
		if r.parts {
			v.SetString(r.Text())
			return
		}
		// A copy: the string read is let go of, the value kept.
		v.SetString(strings.Clone(r.Text()))
	case reflect.Slice:
		n := r.Count()
		if r.err != nil || n == 0 {
			return // nil
		}
		n--
		if t.Elem().Kind() == reflect.Uint8 {
			if n > len(r.s) {
				r.err = ErrDamaged
				return
			}
			s := reflect.MakeSlice(t, n, n)
			copy(s.Bytes(), r.s[:n])
			r.s = r.s[n:]
			v.Set(s)
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			r.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			r.value(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				r.err = ErrDamaged
				return
			}
			r.value(v.Field(i))
		}
	case reflect.Pointer:
		switch r.Uvarint() {
		case 0:
		case 1:
			p := reflect.New(t.Elem())
			r.value(p.Elem())
			v.Set(p)
		default:
			r.err = ErrDamaged
		}
	case reflect.Map:
		n := r.Count()
		if r.err != nil || n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(t, n-1)
		for range n - 1 {
			k, e := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
			r.value(k)
			r.value(e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		r.err = ErrDamaged
	}
}

func (r *reader) time(v reflect.Value) {
	loc := time.UTC
	switch r.Uvarint() {
	case 0:
	case 1:
		loc = time.FixedZone("", int(r.Varint()))
	default:
		r.err = ErrDamaged
	}
	sec, nsec := r.Varint(), r.Uvarint()
	if r.err != nil || nsec >= 1e9 {
		r.err = ErrDamaged
		return
	}
	v.Set(reflect.ValueOf(time.Unix(sec, int64(nsec)).In(loc)))
}
