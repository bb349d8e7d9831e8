package build_test

import "github.com/timelinegen/timelinegen/internal/testenv"

// raceDetector is whether the tests run under -race, which makes a build
// some 20 times slower: the property tests then take fewer random steps,
// and make test runs them whole without it too.
const raceDetector = testenv.Race
