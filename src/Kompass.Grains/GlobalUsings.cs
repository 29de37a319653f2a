global using Kompass.Contracts;
global using Microsoft.Extensions.Logging;
global using Orleans.Runtime;
