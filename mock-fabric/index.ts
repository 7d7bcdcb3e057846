/** `cec-bar-host/mock-fabric`: the offline CEC double. */
export {};
