// Kestra script demo in C++17, with kestra.hpp: outputs, metrics and logs.
//   c++ -std=c++17 demo.cpp -I core/include <build>/core/libkestra.a -lsimdjson -lpthread
#include <kestra/kestra.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

int main() {
  // std::cout shares stdio's buffer; records are written straight to fd 1.
  // Line buffering keeps both in the order they were made.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::cout << "Importing orders with libkestra " << kestra_version_string() << '\n';
  kestra::log(kestra::Level::debug, "reading orders.csv");

  // A callable is timed on a steady clock, in seconds; its result is returned.
  const int rows = kestra::timer("load_seconds",
                                 [] {
                                   std::this_thread::sleep_for(std::chrono::milliseconds(50));
                                   return 1234;
                                 },
                                 {{"table", "orders"}});

  kestra::counter("rows_loaded", 823, {{"table", "orders"}, {"region", "eu"}});
  kestra::counter("rows_loaded", rows - 823, {{"table", "orders"}, {"region", "us"}});
  kestra::gauge("batch_mb", 12.5, {{"host", "worker-1"}, {"shard", 3}});

  kestra::Outputs()
      .set("status", "ok")
      .set("rows", rows)
      .set("ratio", 823.0 / rows)
      .set_json("regions", R"({"eu": 823, "us": 411})")
      .emit();

  kestra::log(kestra::Level::info, "loaded 1234 rows");
  kestra::log(kestra::Level::warn, "3 rows had no customer id; kept them");
  kestra::log(kestra::Level::error, "1 row had a negative amount; skipped it");

  // A bad call: a negative timer. It throws kestra::Error naming the field; nothing is written.
  try {
    kestra::timer("load_seconds", -1.5);
    return 1;  // not reached: the call throws
  } catch (const kestra::Error &err) {
    std::cout << "refused as expected: " << err.what() << '\n';
  }
  std::cout << "done" << std::endl;
}
