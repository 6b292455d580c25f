package kestra

/*
#include "glue.h"
*/
import "C"

import "fmt"

// The core is compiled into the program from internal/core, so its ABI can only
// differ from the header's when that copy is stale; the check makes such a build
// fail at start rather than write wrong lines.
func init() {
	if err := checkABI(abiVersion()); err != nil {
		panic(err)
	}
}

// checkABI refuses a core whose ABI version `loaded` is not the one kestra.h
// declares (KESTRA_ABI_MATCHES). A parameter, so a test can give a wrong one.
func checkABI(loaded uint) error {
	if C.kestra_go_abi_matches(C.unsigned(loaded)) != 0 {
		return nil
	}
	return fmt.Errorf("kestra: the core has ABI version %d, this package was built for %d", loaded, C.KESTRA_ABI_VERSION)
}

func abiVersion() uint { return uint(C.kestra_abi_version()) }
