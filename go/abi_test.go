package kestra

import "testing"

func TestCheckABIRefusesAnotherVersion(t *testing.T) {
	if err := checkABI(abiVersion()); err != nil {
		t.Fatalf("the compiled core's own ABI: %v", err)
	}
	if err := checkABI(abiVersion() + 1); err == nil {
		t.Fatal("a core of another ABI version was accepted")
	}
}
