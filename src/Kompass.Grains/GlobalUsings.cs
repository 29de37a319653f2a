global using Kompass.Contracts;
global using Microsoft.Extensions.Logging;
global using Orleans.Runtime;
global using Kompass.Domain.Tenancy;
global using Kompass.Grains.Tenancy;
global using static Kompass.Grains.Tenancy.SystemCalls;
