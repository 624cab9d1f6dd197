// Placeholder entry point: replaced by the runtime host (issue "Foundation").
return 0;
