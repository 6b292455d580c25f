// Kestra script demo in Node (ES module): the same API through `import`.
//   npm install <repository>/node   then   node demo.mjs
import Kestra from "@kestra-io/libs";

const log = Kestra.logger();
console.log("Fetching exchange rates"); // an ordinary line: an INFO log in Kestra

// An async function is awaited: the timer is emitted when it settles, its result returned.
const rates = await Kestra.timer("fetch_seconds", async () => {
  await new Promise((resolve) => setTimeout(resolve, 30));
  return { EUR: 1, USD: 1.08, GBP: 0.86 };
}, { source: "ecb" });

Kestra.counter("rates_fetched", Object.keys(rates).length, { source: "ecb" });
Kestra.gauge("usd_per_eur", rates.USD, { source: "ecb" });
Kestra.outputs({ rates, count: Object.keys(rates).length, big_id: 12345678901234567890n });

log.debug("currencies:", Object.keys(rates).join(","));
log.info("rates ready");
log.warn("GBP rate is 2 days old");
log.error("JPY missing from the feed");

// A bad call: an object as a tag value; the server would reject the line. It throws, writes nothing.
try {
  Kestra.counter("rates_fetched", 1, { source: { name: "ecb" } });
  throw new Error("BUG: an object tag was accepted");
} catch (err) {
  if (!(err instanceof TypeError)) throw err;
  console.log(`refused as expected: ${err.name}: ${err.message}`);
}
