// Command stresswriter is the Go writer of tests/stress/run.sh: THREADS goroutines
// each write N outputs lines, the same bytes as tests/stress/stress_writer.cpp.
//
//	stresswriter P THREADS N
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

// line is the record of writer p, goroutine t, index i, its keys in the C++ writer's order.
type line struct {
	P int    `json:"p"`
	T int    `json:"t"`
	I int    `json:"i"`
	S string `json:"s"`
}

func payload(p, t, i int) string {
	n := (p*131 + t*31 + i*7) % 200
	if i%1000 == 999 {
		n = 4000
	}
	return strings.Repeat(string(rune('a'+(p+t+i)%26)), n)
}

func main() {
	var args [3]int
	for k := range args {
		v, err := strconv.Atoi(os.Args[k+1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: stresswriter P THREADS N")
			os.Exit(2)
		}
		args[k] = v
	}
	p, threads, n := args[0], args[1], args[2]
	var wg sync.WaitGroup
	failed := false
	var mu sync.Mutex
	for t := 0; t < threads; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				if err := kestra.Outputs(line{p, t, i, payload(p, t, i)}); err != nil {
					fmt.Fprintln(os.Stderr, err)
					mu.Lock()
					failed = true
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if failed {
		os.Exit(1)
	}
}
