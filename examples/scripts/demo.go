// Kestra script demo in Go: outputs, metrics and logs with the SDK's Go module.
//
// Run it anywhere (the ::{...}:: lines are what Kestra reads), from a folder whose
// go.mod requires github.com/kestra-io/kestra-sdk/go with a replace to <repo>/go
// (examples/run_demo.sh makes one):
//
//	go run demo.go
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

type summary struct {
	Status      string         `json:"status"`
	Rows        int            `json:"rows"`
	TotalAmount float64        `json:"total_amount"`
	Regions     map[string]int `json:"regions"`
	Files       []string       `json:"files"`
	Warehouse   string         `json:"warehouse"` // non-ASCII is escaped on the wire, read back as is
}

func main() {
	log := slog.New(kestra.LogHandler())
	fmt.Println("Importing orders for 2026-11-20") // an ordinary line: an INFO log in Kestra

	n, total, eu := 1234, 0.0, 0
	for i := 1; i <= n; i++ {
		total += 10.5 * float64(i)
		if i%3 != 0 {
			eu++
		}
	}
	log.Debug("read rows", "file", "orders.csv", "rows", n)

	kestra.Time("load_seconds", map[string]string{"table": "orders"}, func() error { // seconds, monotonic clock
		time.Sleep(50 * time.Millisecond)
		return nil
	})
	kestra.Counter("rows_loaded", eu, map[string]string{"table": "orders", "region": "eu"})
	kestra.Counter("rows_loaded", n-eu, map[string]string{"table": "orders", "region": "us"})
	kestra.Gauge("batch_mb", 12.5, map[string]string{"host": "worker-1"})

	kestra.Outputs(summary{"ok", n, total, map[string]int{"eu": eu, "us": n - eu}, []string{"orders.csv"}, "Zürich"})

	log.Info("loaded", "rows", n)
	log.Warn("3 rows had no customer id; kept them")
	log.Error("1 row had a negative amount; skipped it")

	// A bad call: NaN is not JSON, so the line would be dropped by Kestra. It fails, writes nothing.
	if err := kestra.Gauge("error_rate", math.NaN(), nil); errors.Is(err, kestra.ErrValue) {
		fmt.Println("refused as expected:", err)
	} else {
		panic(fmt.Sprintf("BUG: NaN was accepted (%v)", err))
	}
	fmt.Println("done")
}
