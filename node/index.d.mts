// Types for the ES module entry (`import Kestra from "@kestra-io/libs"`).
import Kestra = require('./index.js');

export default Kestra;
