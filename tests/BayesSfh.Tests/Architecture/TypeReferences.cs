using System.Reflection;
using System.Reflection.Emit;

namespace BayesSfh.Tests.Architecture;

/// <summary>
/// Every type a type refers to, found by reflection: its signatures (base type, interfaces, attributes, fields,
/// properties, events, method and constructor parameters and returns, generic constraints) and its method bodies (local
/// variable types, and every type, field and method token in the IL, resolved through the module).
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Types named in the signatures of <paramref name="type"/>'s own members, with where each was seen.</summary>
    public static IEnumerable<(string Where, Type Type)> InSignatures(Type type)
    {
        string name = type.FullName ?? type.Name;
        foreach (var t in Expand(type.BaseType)) yield return ($"{name} base type", t);
        foreach (var i in type.GetInterfaces()) foreach (var t in Expand(i)) yield return ($"{name} interface", t);
        foreach (var a in type.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return ($"{name} attribute", t);
        foreach (var g in type.IsGenericTypeDefinition ? type.GetGenericArguments() : [])
            foreach (var c in g.GetGenericParameterConstraints()) foreach (var t in Expand(c)) yield return ($"{name} constraint", t);
        foreach (var f in type.GetFields(Everything)) foreach (var t in Expand(f.FieldType)) yield return ($"{name}.{f.Name} field", t);
        foreach (var p in type.GetProperties(Everything)) foreach (var t in Expand(p.PropertyType)) yield return ($"{name}.{p.Name} property", t);
        foreach (var e in type.GetEvents(Everything)) foreach (var t in Expand(e.EventHandlerType)) yield return ($"{name}.{e.Name} event", t);
        foreach (var m in Methods(type))
        {
            string where = $"{name}.{m.Name}";
            if (m is MethodInfo info) foreach (var t in Expand(info.ReturnType)) yield return ($"{where} return", t);
            foreach (var p in m.GetParameters()) foreach (var t in Expand(p.ParameterType)) yield return ($"{where} parameter {p.Name}", t);
            foreach (var g in m.IsGenericMethodDefinition ? m.GetGenericArguments() : [])
                foreach (var c in g.GetGenericParameterConstraints()) foreach (var t in Expand(c)) yield return ($"{where} constraint", t);
        }
    }

    /// <summary>Types used inside the bodies of <paramref name="type"/>'s own methods and constructors.</summary>
    public static IEnumerable<(string Where, Type Type)> InBodies(Type type)
    {
        foreach (var m in Methods(type)) foreach (var r in InBody(m)) yield return r;
    }

    /// <summary>Types used inside one method body: local variables and the IL's type, field and method tokens.</summary>
    public static IEnumerable<(string Where, Type Type)> InBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        string where = $"{method.DeclaringType?.FullName}.{method.Name}";
        foreach (var local in body.LocalVariables) foreach (var t in Expand(local.LocalType)) yield return ($"{where} local", t);
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (int token in Tokens(il))
        {
            var member = method.Module.ResolveMember(token, typeArguments, methodArguments)
                ?? throw new InvalidOperationException($"{where}: token 0x{token:X8} does not resolve");
            foreach (var t in MemberTypes(member)) yield return ($"{where} IL", t);
        }
    }

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything));

    private static IEnumerable<Type> MemberTypes(MemberInfo member)
    {
        switch (member)
        {
            case Type type:
                foreach (var t in Expand(type)) yield return t;
                break;
            case FieldInfo field:
                foreach (var t in Expand(field.DeclaringType)) yield return t;
                foreach (var t in Expand(field.FieldType)) yield return t;
                break;
            case MethodBase method:
                foreach (var t in Expand(method.DeclaringType)) yield return t;
                if (method is MethodInfo info) foreach (var t in Expand(info.ReturnType)) yield return t;
                foreach (var p in method.GetParameters()) foreach (var t in Expand(p.ParameterType)) yield return t;
                if (method.IsGenericMethod) foreach (var a in method.GetGenericArguments()) foreach (var t in Expand(a)) yield return t;
                break;
        }
    }

    /// <summary>The metadata tokens of every InlineField/Method/Type/Tok operand in an IL stream.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[position++]));
            if (!OpCodesByValue.TryGetValue(value, out var opCode)) throw new InvalidOperationException($"Unknown IL opcode 0x{value:X4}.");
            switch (opCode.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + 4 * BitConverter.ToInt32(il, position);
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    position += 4;
                    break;
            }
        }
    }

    /// <summary>A type with its element type and generic arguments, recursively.</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType())) yield return t;
            yield break;
        }
        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var t in Expand(type.GetGenericTypeDefinition())) yield return t;
            foreach (var a in type.GetGenericArguments()) foreach (var t in Expand(a)) yield return t;
        }
    }
}
