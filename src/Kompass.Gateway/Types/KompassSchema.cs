using GraphQL.Types;

namespace Kompass.Gateway.Types;

public sealed class KompassSchema : Schema
{
    public KompassSchema(IServiceProvider services, KompassQuery query, KompassMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "Kompass Cloud: Kommunekompasset / Kommunkompassen evaluations for Norwegian and Swedish municipalities.";
    }
}
