package geo

import "strconv"

// Round rounds a coordinate to decimals places (0 to 6), as a decimal
// number would be written: Round(47.9105, 2) is 47.91, and formats so.
func Round(v float64, decimals int) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
	if err != nil {
		return v
	}
	return r
}
