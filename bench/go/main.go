// Command bench measures counter calls per second written into a pipe: kestra.Counter
// against what a Go script writes by hand (encoding/json + fmt.Println, no
// validation), alternating the two in one run, and prints the medians and the ratio
// as a Markdown table on stderr. Its stdout must be a pipe read by another process
// (run.sh pipes it into cat).
//
//	bench [-rounds 7] [-seconds 1]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

var tags = map[string]string{"table": "users"}

// ours is the library call.
func ours(i int) {
	if err := kestra.Counter("rows", i, tags); err != nil {
		panic(err)
	}
}

// byHand is the line a script writes without a library.
func byHand(i int) {
	line, err := json.Marshal(map[string]any{"metrics": []any{map[string]any{
		"name": "rows", "type": "counter", "value": i, "tags": tags}}})
	if err != nil {
		panic(err)
	}
	fmt.Println("::" + string(line) + "::")
}

// rate runs fn for about d and returns its calls per second.
func rate(fn func(int), d time.Duration) float64 {
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		for j := 0; j < 1000; j++ {
			fn(n)
			n++
		}
	}
	return float64(n) / time.Since(start).Seconds()
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func main() {
	rounds := flag.Int("rounds", 7, "alternating rounds")
	seconds := flag.Float64("seconds", 1, "seconds per run")
	flag.Parse()
	if fi, err := os.Stdout.Stat(); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		fmt.Fprintln(os.Stderr, "stdout must be a pipe: bench | cat >/dev/null")
		os.Exit(2)
	}
	d := time.Duration(*seconds * float64(time.Second))
	rate(ours, d/4) // warm up both
	rate(byHand, d/4)
	var a, b []float64
	for r := 0; r < *rounds; r++ {
		a = append(a, rate(ours, d))
		b = append(b, rate(byHand, d))
	}
	ma, mb := median(a), median(b)
	fmt.Fprintf(os.Stderr, "| Go counter, calls/s into a pipe (median of %d alternating runs) | ours | encoding/json + fmt.Println | ratio |\n", *rounds)
	fmt.Fprintf(os.Stderr, "| --- | ---: | ---: | ---: |\n")
	fmt.Fprintf(os.Stderr, "| `kestra.Counter(\"rows\", i, tags)` | %.0f | %.0f | %.2fx |\n", ma, mb, ma/mb)
}
