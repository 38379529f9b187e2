/** Model endpoints: admin-managed records (store), the built-in one from the environment, and server-side resolution. */
export { BUILTIN_ENDPOINT } from "./builtin";
export { assertUsable, endpointClient, resolveEndpoint, type ResolvedEndpoint } from "./resolve";
export { createEndpoint, listEndpoints, removeEndpoint, updateEndpoint, type EndpointInput, type EndpointRow } from "./store";
