namespace PledgeBot.Telemetry;

public static class ServiceDecoration
{
    /// <summary>
    /// Wraps the registered <typeparamref name="TService"/> in <paramref name="decorate"/>, whatever
    /// registered it (a type, a factory, an instance), so the counting does not depend on which
    /// storage is in use. Must run after the service is registered.
    /// </summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var index = services.Count - 1;
        while (index >= 0 && (services[index].ServiceType != typeof(TService) || services[index].IsKeyedService))
        {
            index--;
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it is decorated.");
        }

        var registered = services[index];
        services[index] = ServiceDescriptor.Describe(
            typeof(TService),
            sp => decorate((TService)Create(registered, sp), sp),
            registered.Lifetime);
        return services;
    }

    private static object Create(ServiceDescriptor registered, IServiceProvider services) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);
}
