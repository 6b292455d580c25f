package core

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCopyIsCurrent fails when this copy of the core differs from the repository's
// core/ (someone changed the core and did not run scripts/copy_core.sh). Outside the
// repository (the module taken on its own) there is nothing to compare with.
func TestCopyIsCurrent(t *testing.T) {
	script, err := filepath.Abs("../../../scripts/copy_core.sh")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Skip("not inside the SDK repository: no core/ to compare with")
	}
	out, err := exec.Command("bash", script, ".", "--check").CombinedOutput()
	if err != nil {
		t.Fatalf("the core copy is stale:\n%s", out)
	}
}
