package kestra

/*
#include "glue.h"
*/
import "C"

// Outputs writes one outputs record: v is an object (a map with string keys, a
// struct, an iter.Seq2[string, any], a json.RawMessage holding an object...) whose
// entries become the task's outputs, converted as the package's Values section
// says.
func Outputs(v any) error {
	return writeRecord(beginOutputs, func(r *record) C.kestra_result { return r.value(v) })
}

// OutputsJSON writes one outputs record from a JSON text holding an object, read
// strictly by the core and written in its canonical bytes (numbers keep their
// text: 1.0 stays 1.0, a 30-digit integer stays exact).
func OutputsJSON(text []byte) error {
	return writeRecord(beginOutputs, func(r *record) C.kestra_result { return r.json(text) })
}

// EncryptedOutputs writes one encryptedOutputs record: outputs that Kestra
// Enterprise stores encrypted (the open-source worker ignores them). v is what
// Outputs takes, with the same rules; errors name "encryptedOutputs['key']".
func EncryptedOutputs(v any) error {
	return writeRecord(func(c *C.kestra_record) C.kestra_result { return C.kestra_record_begin_encrypted_outputs(c) },
		func(r *record) C.kestra_result { return r.value(v) })
}

// Assets writes one assets record: v is an object whose keys are "inputs" and/or
// "outputs", each a list of objects (an asset has at least "id" and "type").
func Assets(v any) error {
	return writeRecord(func(c *C.kestra_record) C.kestra_result { return C.kestra_record_begin_assets(c) },
		func(r *record) C.kestra_result { return r.value(v) })
}

// Format returns a whole protocol message as its line, without writing it and
// without the trailing newline: message is an object whose keys are among
// "outputs", "metrics", "logs" and "assets", each part checked against the
// server's rules (what the official libraries' format(map) takes).
func Format(message any) (string, error) {
	r := getRecord()
	defer putRecord(r)
	res := C.kestra_record_begin_message(r.c)
	if res == C.KESTRA_OK {
		res = r.value(message)
	}
	return r.line(res)
}

func beginOutputs(c *C.kestra_record) C.kestra_result { return C.kestra_record_begin_outputs(c) }

// writeRecord begins a record, lets fill give it its content, and writes it.
func writeRecord(begin func(*C.kestra_record) C.kestra_result, fill func(*record) C.kestra_result) error {
	r := getRecord()
	defer putRecord(r)
	res := begin(r.c)
	if res == C.KESTRA_OK {
		res = fill(r)
	}
	return r.write(res)
}
